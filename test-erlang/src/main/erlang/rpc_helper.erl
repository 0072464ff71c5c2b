%% Erlang side of the rpc, erpc and spawn interop tests: a BEAM node calling a Java node's exported functions, each
%% call's outcome made a value the Java test can compare ({ok, Value} or {Class, Reason}).
%%
%%   {ok, 42} = rpc_helper:erpc(JavaNode, jfun, add, [40, 2]),
%%   {error, {exception, undef, _}} = rpc_helper:erpc(JavaNode, jfun, nope, []),
%%   {rex, 42} = rpc_helper:rex_call(JavaNode, jfun, add, [40, 2]).     % what jinterface's sendRPC sends
-module(rpc_helper).
-export([erpc/4, erpc/5, catching/1, rex_call/4, spawn_outcome/5, spawn_many/5, slow_then_fast/2,
         raw_execute_call/4, killed_by_another/0, sleep/1, background/1, await/2, send_all/2,
         in_own_process/1]).

-define(TIMEOUT, 20000).

%% erpc:call/4's outcome: {ok, Value} or {Class, Reason}.
erpc(Node, M, F, A) ->
    catching(fun() -> erpc:call(Node, M, F, A) end).

erpc(Node, M, F, A, Timeout) ->
    catching(fun() -> erpc:call(Node, M, F, A, Timeout) end).

catching(Fun) ->
    try {ok, Fun()} catch Class:Reason -> {Class, Reason} end.

%% The rex message of jinterface's sendRPC and C nodes, {Self, {call, M, F, A, user}}, and rex's answer, from a
%% process of its own.
rex_call(Node, M, F, A) ->
    in_own_process(fun() ->
                           {rex, Node} ! {self(), {call, M, F, A, user}},
                           receive {rex, _} = Answer -> Answer after ?TIMEOUT -> timeout end
                   end).

%% Fun's value, computed in a fresh process (whose mailbox holds only what it is sent).
in_own_process(Fun) ->
    {Pid, Ref} = spawn_monitor(fun() -> exit({value, Fun()}) end),
    receive {'DOWN', Ref, process, Pid, {value, Value}} -> Value end.

%% Starts M:F(A) on Node as How says (spawn, spawn_link, spawn_monitor, {spawn_opt, Options}) from a process that
%% traps exits, and reports what it saw: {Pid, How the process ended}, or {Class, Reason} if the spawn raised.
spawn_outcome(How, Node, M, F, A) ->
    Parent = self(),
    Tag = make_ref(),
    Runner = spawn(fun() ->
                           process_flag(trap_exit, true),
                           Outcome = catching(fun() -> spawn_how(How, Node, M, F, A) end),
                           Parent ! {Tag, Outcome, await_end(Outcome)}
                   end),
    receive {Tag, Outcome, End} -> {Outcome, End} after ?TIMEOUT -> exit(Runner, kill), timeout end.

spawn_how(spawn, Node, M, F, A) -> spawn(Node, M, F, A);
spawn_how(spawn_link, Node, M, F, A) -> spawn_link(Node, M, F, A);
spawn_how(spawn_monitor, Node, M, F, A) -> spawn_monitor(Node, M, F, A);
spawn_how({spawn_opt, Options}, Node, M, F, A) -> spawn_opt(Node, M, F, A, Options).

%% How the spawned process ended, as the spawner learnt it: {exit, Reason} through the link, {down, Reason} through
%% the monitor, or {alive, Links} after a while if neither came.
await_end({ok, {Pid, Ref}}) when is_pid(Pid), is_reference(Ref) ->
    receive {'DOWN', Ref, process, Pid, Why} -> {down, Why} after ?TIMEOUT -> timeout end;
await_end({ok, Pid}) when is_pid(Pid) ->
    receive {'EXIT', Pid, Why} -> {exit, Why} after 1000 -> {links, element(2, process_info(self(), links))} end;
await_end(_) ->
    none.

%% Asks Node for N processes running M:F(A), as fast as it answers, with spawn_request/5: {Started, Refused}, the
%% refusals counted by reason; the started ones live on.
spawn_many(N, Node, M, F, A) ->
    ReqIds = [spawn_request(Node, M, F, A, []) || _ <- lists:seq(1, N)],
    lists:foldl(fun(ReqId, {Started, Refused}) ->
                        receive
                            {spawn_reply, ReqId, ok, _} -> {Started + 1, Refused};
                            {spawn_reply, ReqId, error, Why} -> {Started, maps:update_with(Why, fun(C) -> C + 1 end, 1, Refused)}
                        after ?TIMEOUT -> {Started, Refused#{timeout => 1}}
                        end
                end, {0, #{}}, ReqIds).

%% A slow call (Millis long) and, while it runs, a fast one: {the fast call's milliseconds, the slow one's result}.
slow_then_fast(Node, Millis) ->
    Slow = erpc:send_request(Node, jfun, sleep, [Millis]),
    T0 = erlang:monotonic_time(millisecond),
    3 = erpc:call(Node, jfun, add, [1, 2]),
    Fast = erlang:monotonic_time(millisecond) - T0,
    {Fast, erpc:receive_response(Slow, Millis + ?TIMEOUT)}.

%% What erpc:execute_call/4 answers for arguments erpc:call/4 would never send: the process's exit reason.
raw_execute_call(Node, M, F, A) ->
    Ref = make_ref(),
    ReqId = spawn_request(Node, erpc, execute_call, [Ref, M, F, A], [monitor]),
    receive {'DOWN', ReqId, process, _, {Ref, Class, Reason}} -> {Class, Reason};
            {'DOWN', ReqId, process, _, {Ref, Class, Reason, Stack}} -> {Class, Reason, Stack};
            {'DOWN', ReqId, process, _, Other} -> {other, Other}
    after ?TIMEOUT -> timeout
    end.

%% A function whose process another process kills while it runs: erpc's caller gets exit({signal, killed}).
killed_by_another() ->
    Self = self(),
    spawn(fun() -> exit(Self, kill) end),
    receive never -> ok end.

%% A function that sleeps Millis and then returns slept.
sleep(Millis) ->
    timer:sleep(Millis),
    slept.

%% Runs Fun in a process of its own; await/2 gives its outcome ({ok, Value} or {Class, Reason}).
background(Fun) ->
    spawn(fun() ->
                  Outcome = catching(Fun),
                  receive {await, From} -> From ! {self(), Outcome} end
          end).

await(Pid, Timeout) ->
    Pid ! {await, self()},
    receive {Pid, Outcome} -> Outcome after Timeout -> timeout end.

%% Sends each of Messages to Dest, from a process of its own that then ends. Messages is a fun that makes them, in
%% that process (they may name it: self()).
send_all(Dest, Messages) ->
    in_own_process(fun() -> [Dest ! Message || Message <- Messages()], ok end).
