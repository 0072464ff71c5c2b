%% The control loop of an erl or Elixir node started by a Java test (dev.beamlink.testing.ErlNode).
%%
%% It reads requests from standard input, one a line, and writes one reply line for each to
%% standard output, marked so that the Java side can tell replies from whatever else the node prints:
%%
%%   request  "E " Hex(UTF-8 text of Erlang expressions, ending in a dot)
%%            "L " Hex(UTF-8 text of Elixir code)                  (on an Elixir node)
%%            "C " Hex(UTF-8 path of an .erl, .ex or .exs file)    compile it and load its modules
%%   reply    "\1BEAMLINK R " Hex(term_to_binary(Value)) " " Hex(UTF-8 of the printed Value)
%%         or "\1BEAMLINK X " Hex(term_to_binary({Class, Reason, Stack})) " " Hex(UTF-8 of the printed error)
%%
%% Values print as Erlang (~tp) for E and as Elixir (inspect/1) for L; C answers the names of the modules it loaded,
%% separated by spaces, or the compiler's messages. The bindings made by one request are kept for the next ones
%% (P = spawn(...) then exit(P, kill)), Erlang's and Elixir's apart; every request runs in the same process.
%% The node halts when standard input closes, so it never outlives the JVM that started it.
-module(beamlink_ctl).
-export([main/0, load/1]).

main() ->
    ok = io:setopts(standard_io, [binary, {encoding, latin1}]),
    %% The loop runs in a process of its own, so that init (or Elixir's command line) finishes booting.
    spawn(fun() -> loop(#{erlang => erl_eval:new_bindings(), elixir => []}) end),
    ok.

loop(State) ->
    case io:get_line(standard_io, "") of
        eof -> erlang:halt(0, [{flush, false}]);
        {error, _} -> erlang:halt(0, [{flush, false}]);
        Line -> loop(handle(string:trim(Line, trailing, "\r\n"), State))
    end.

handle(<<"E ", Hex/binary>>, #{erlang := Bindings} = State) ->
    Text = unicode:characters_to_list(binary:decode_hex(Hex)),
    try
        {ok, Tokens, _} = erl_scan:string(Text),
        {ok, Exprs} = erl_parse:parse_exprs(Tokens),
        {value, Value, NewBindings} = erl_eval:exprs(Exprs, Bindings),
        reply("R", term_to_binary(Value), io_lib:format("~tp", [Value])),
        State#{erlang := NewBindings}
    catch
        Class:Reason:Stack ->
            reply("X", term_to_binary({Class, Reason, Stack}),
                  io_lib:format("~tp:~tp~n~tp", [Class, Reason, Stack])),
            State
    end;
handle(<<"L ", Hex/binary>>, #{elixir := Binding} = State) ->
    try
        {Value, NewBinding} = 'Elixir.Code':eval_string(binary:decode_hex(Hex), Binding),
        reply("R", term_to_binary(Value), 'Elixir.Kernel':inspect(Value)),
        State#{elixir := NewBinding}
    catch
        Class:Reason:Stack ->
            reply("X", term_to_binary({Class, Reason, Stack}), elixir_error(Class, Reason, Stack)),
            State
    end;
handle(<<"C ", Hex/binary>>, State) ->
    File = unicode:characters_to_list(binary:decode_hex(Hex)),
    try load(File) of
        {ok, Modules} -> reply("R", term_to_binary(Modules), lists:join(" ", [atom_to_list(M) || M <- Modules]));
        {error, Text} -> reply("X", term_to_binary({error, {cannot_load, File}, []}), Text)
    catch
        Class:Reason:Stack ->
            reply("X", term_to_binary({Class, Reason, Stack}), io_lib:format("~tp:~tp~n~tp", [Class, Reason, Stack]))
    end,
    State;
handle(Other, State) ->
    reply("X", term_to_binary({error, bad_request, []}), io_lib:format("bad request: ~tp", [Other])),
    State.

%% Compiles an Erlang (.erl) or Elixir (.ex, .exs) source file on this node and loads its modules:
%% {ok, Modules}, or {error, Text} with the compiler's messages.
load(File) ->
    case filename:extension(File) of
        ".erl" -> load_erlang(File);
        Elixir when Elixir =:= ".ex"; Elixir =:= ".exs" -> load_elixir(File);
        Other -> {error, io_lib:format("~ts: not an Erlang (.erl) or Elixir (.ex, .exs) source (~ts)", [File, Other])}
    end.

load_erlang(File) ->
    case compile:file(File, [binary, return_errors, {i, filename:dirname(File)}]) of
        {ok, Module, Beam} ->
            _ = code:purge(Module),
            {module, Module} = code:load_binary(Module, File, Beam),
            {ok, [Module]};
        {error, Errors, _Warnings} ->
            {error, [io_lib:format("~ts:~w: ~ts~n", [Source, Location, Module:format_error(Description)])
                     || {Source, Descriptions} <- Errors, {Location, Module, Description} <- Descriptions]}
    end.

load_elixir(File) ->
    case code:ensure_loaded('Elixir.Code') of
        {module, _} ->
            try 'Elixir.Code':compile_file(unicode:characters_to_binary(File)) of
                Compiled -> {ok, [Module || {Module, _Beam} <- Compiled]}
            catch
                Class:Reason:Stack -> {error, elixir_error(Class, Reason, Stack)}
            end;
        _ ->
            {error, io_lib:format("~ts: this node has no Elixir (start it as an Elixir node)", [File])}
    end.

elixir_error(Class, Reason, Stack) ->
    'Elixir.Exception':format(Class, Reason, Stack).

reply(Kind, Etf, Text) ->
    Printed = unicode:characters_to_binary(Text),
    io:put_chars(standard_io, [1, "BEAMLINK ", Kind, " ", binary:encode_hex(Etf), " ",
                               binary:encode_hex(Printed), "\n"]).
