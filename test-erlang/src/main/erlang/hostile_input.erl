%% Hostile input for a node's system processes, from a live erl (issue 14, item 3): terms nested deeper than any
%% stack a recursive reader has, calls and sys requests whose tags are such terms, I/O requests with code points that
%% do not exist and requests nested without end. A test sends the barrage to each system process of a Java node, then
%% checks that the process is the one it was and still answers.
%%
%%   N = hostile_input:barrage({net_kernel, 'java@localhost'}, 200000),
%%   {reply, ok} = hostile_input:io_request({user, 'java@localhost'}, {put_chars, unicode, "ok"}, 10000).
-module(hostile_input).
-export([barrage/2, deep_list/1, deep_tuple/1, deep_head/1, deep_requests/1, io_request/3, invalid_chars/0]).

%% Sends every hostile message to Target (a pid, a name or {Name, Node}); returns how many it sent.
barrage(Target, Depth) ->
    Messages = messages(Depth),
    [Target ! Message || Message <- Messages],
    length(Messages).

messages(Depth) ->
    List = deep_list(Depth),
    Tuple = deep_tuple(Depth),
    Head = deep_head(Depth),
    Improper = lists:foldl(fun(_, T) -> [alias | T] end, make_ref(), lists:seq(1, Depth)),
    Me = self(),
    [List,
     Tuple,
     {'$gen_call', {Me, Head}, List},
     {'$gen_call', {Me, Improper}, Tuple},
     {'$gen_call', {Me, [alias | List]}, {is_auth, node()}},
     {'$gen_call', {Me, Tuple}, which_children},
     {'$gen_call', {Me, make_ref()}, {start_child, List}},
     {'$gen_call', {Me, make_ref()}, {start_child, #{id => Tuple, start => {erlang, spawn_link, List}}}},
     {'$gen_call', {not_a_pid, make_ref()}, List},
     {'$gen_cast', List},
     {'$gen_cast', Tuple},
     {system, {Me, Head}, List},
     {system, {Me, make_ref()}, {replace_state, fun(_) -> {not_a_state, List} end}},
     {io_request, Me, Head, {put_chars, unicode, List}},
     {io_request, Me, make_ref(), {put_chars, unicode, invalid_chars()}},
     {io_request, Me, make_ref(), {put_chars, latin1, [List, <<255, 254>>, Tuple]}},
     {io_request, Me, make_ref(), {put_chars, unicode, io_lib, format, [List, [Tuple]]}},
     {io_request, Me, make_ref(), deep_requests(Depth)},
     {io_request, Me, make_ref(), {get_line, unicode, List}},
     {io_request, not_a_pid, make_ref(), {put_chars, unicode, "x"}},
     {'EXIT', Me, List},
     {'DOWN', make_ref(), process, Me, Tuple},
     {nodedown, List},
     {init_connect, {8, List}, node(), {locker, List, [], Me}},
     {'$gen_cast', {init_connect, {8, Tuple}, node(), {locker, Tuple, List, Me}}},
     {'$gen_cast', {exchange, node(), List, [], 1}},
     {'$gen_cast', {resolved, node(), [{insert, Tuple}], List, unused, [], 1}},
     {'$gen_cast', {new_nodes, node(), [{insert, {Tuple, Me, List}}], [], [], []}},
     {'$gen_cast', {lock_set, Me, true, List, Tuple}},
     {lost_connection, List, 1, Tuple, 2, 3},
     {'$gen_call', {Me, make_ref()}, {set_lock, {List, Tuple}}},
     {'$gen_call', {Me, make_ref()}, {register, Tuple, Me, List}},
     {'$gen_call', {Me, make_ref()}, {join_local, List, [Me]}},
     {join, List, [Me]},
     {sync, List},
     {discover, Tuple}].

%% [[[...[x]...]]]: Depth lists, each the only element of the next.
deep_list(Depth) ->
    lists:foldl(fun(_, T) -> [T] end, x, lists:seq(1, Depth)).

%% {{{...{x}...}}}.
deep_tuple(Depth) ->
    lists:foldl(fun(_, T) -> {T} end, x, lists:seq(1, Depth)).

%% A call tag [[[alias|Ref]|x]|x]...: the shape a recursive reading of [[alias|Alias]|_] follows down.
deep_head(Depth) ->
    lists:foldl(fun(_, T) -> [T | x] end, [alias | make_ref()], lists:seq(1, Depth)).

%% {requests, [{requests, [...{requests, [{put_chars, unicode, "x"}]}...]}]}.
deep_requests(Depth) ->
    lists:foldl(fun(_, R) -> {requests, [R]} end, {put_chars, unicode, "x"}, lists:seq(1, Depth)).

%% Characters no code point stands for: negative, past U+10FFFF, past 32 and 64 bits, and a float.
invalid_chars() ->
    [$a, -1, 16#110000, 1 bsl 33, 1 bsl 70, 1.5, $b].

%% Sends an I/O request to Server and waits for its reply: {reply, Reply}, or timeout.
io_request(Server, Request, Timeout) ->
    Ref = make_ref(),
    Server ! {io_request, self(), Ref, Request},
    receive
        {io_reply, Ref, Reply} -> {reply, Reply}
    after Timeout -> timeout
    end.
