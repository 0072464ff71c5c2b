%% The control loop of an erl node started by a Java test (dev.beamlink.testing.ErlNode).
%%
%% It reads requests from standard input, one a line, and writes one reply line for each to
%% standard output, marked so that the Java side can tell replies from whatever else the node prints:
%%
%%   request  "E " Hex(UTF-8 text of Erlang expressions, ending in a dot)
%%   reply    "\1BEAMLINK R " Hex(term_to_binary(Value)) " " Hex(UTF-8 of ~tp of Value)
%%         or "\1BEAMLINK X " Hex(term_to_binary({Class, Reason, Stack})) " " Hex(UTF-8 of the printed error)
%%
%% Bindings made by one request are kept for the next ones (P = spawn(...) then exit(P, kill)).
%% The node halts when standard input closes, so it never outlives the JVM that started it.
-module(beamlink_ctl).
-export([main/0]).

main() ->
    ok = io:setopts(standard_io, [binary, {encoding, latin1}]),
    %% The loop runs in a process of its own, so that init finishes booting.
    spawn(fun() -> loop(erl_eval:new_bindings()) end),
    ok.

loop(Bindings) ->
    case io:get_line(standard_io, "") of
        eof -> erlang:halt(0, [{flush, false}]);
        {error, _} -> erlang:halt(0, [{flush, false}]);
        Line -> loop(handle(string:trim(Line, trailing, "\r\n"), Bindings))
    end.

handle(<<"E ", Hex/binary>>, Bindings) ->
    Text = unicode:characters_to_list(binary:decode_hex(Hex)),
    try
        {ok, Tokens, _} = erl_scan:string(Text),
        {ok, Exprs} = erl_parse:parse_exprs(Tokens),
        {value, Value, NewBindings} = erl_eval:exprs(Exprs, Bindings),
        reply("R", term_to_binary(Value), io_lib:format("~tp", [Value])),
        NewBindings
    catch
        Class:Reason:Stack ->
            reply("X", term_to_binary({Class, Reason, Stack}),
                  io_lib:format("~tp:~tp~n~tp", [Class, Reason, Stack])),
            Bindings
    end;
handle(Other, Bindings) ->
    reply("X", term_to_binary({error, bad_request, []}), io_lib:format("bad request: ~tp", [Other])),
    Bindings.

reply(Kind, Etf, Text) ->
    Printed = unicode:characters_to_binary(Text),
    io:put_chars(standard_io, [1, "BEAMLINK ", Kind, " ", binary:encode_hex(Etf), " ",
                               binary:encode_hex(Printed), "\n"]).
