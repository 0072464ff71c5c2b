%% The BEAM side of bench/run runtime (dev.beamlink.bench.runtime.RuntimeBench): the same work the
%% Java runtime does, measured on this node, each result as a flat string of integers.
-module(runtime_bench).
-export([chain/1, respawn/1, messages/1]).

%% Spawns N processes, each spawn_link-ing the next (so each is linked to its predecessor), all idle
%% in receive; then kills the first and waits until the last is dead.
%% Returns "SpawnMicros MemoryBytesPerProcess ExitMicros".
chain(N) ->
    Self = self(),
    erlang:garbage_collect(),
    Before = erlang:memory(processes),
    T0 = erlang:monotonic_time(microsecond),
    First = spawn(fun() -> link_next(N - 1, Self) end),
    Last = receive {last, L} -> L end,
    T1 = erlang:monotonic_time(microsecond),
    timer:sleep(200),
    After = erlang:memory(processes),
    Ref = monitor(process, Last),
    T2 = erlang:monotonic_time(microsecond),
    exit(First, kill),
    receive {'DOWN', Ref, process, Last, killed} -> ok end,
    T3 = erlang:monotonic_time(microsecond),
    flat("~w ~w ~w", [T1 - T0, (After - Before) div N, T3 - T2]).

%% Spawns a chain of N as chain/1 does, kills its first process and at once, while the exit spreads
%% along the chain, spawns a second chain of N; waits until both the first chain's last process is
%% dead and the second chain is built, then kills the second chain too.
%% Returns "FirstSpawnMicros SecondSpawnMicros".
respawn(N) ->
    Self = self(),
    erlang:garbage_collect(),
    {FirstMicros, First, Last} = timed_chain(N, Self),
    Ref = monitor(process, Last),
    exit(First, kill),
    {SecondMicros, First2, Last2} = timed_chain(N, Self),
    receive {'DOWN', Ref, process, Last, killed} -> ok end,
    Ref2 = monitor(process, Last2),
    exit(First2, kill),
    receive {'DOWN', Ref2, process, Last2, killed} -> ok end,
    flat("~w ~w", [FirstMicros, SecondMicros]).

timed_chain(N, Self) ->
    T0 = erlang:monotonic_time(microsecond),
    First = spawn(fun() -> link_next(N - 1, Self) end),
    Last = receive {last, L} -> L end,
    {erlang:monotonic_time(microsecond) - T0, First, Last}.

link_next(0, Driver) ->
    Driver ! {last, self()},
    idle();
link_next(K, Driver) ->
    spawn_link(fun() -> link_next(K - 1, Driver) end),
    idle().

idle() ->
    receive _ -> idle() end.

%% One process sends N messages to another, which counts them; returns "Micros".
messages(N) ->
    Self = self(),
    Receiver = spawn(fun() -> count(N), Self ! done end),
    T0 = erlang:monotonic_time(microsecond),
    spawn(fun() -> send_n(Receiver, N) end),
    receive done -> ok end,
    T1 = erlang:monotonic_time(microsecond),
    flat("~w", [T1 - T0]).

send_n(_, 0) -> ok;
send_n(To, K) -> To ! message, send_n(To, K - 1).

count(0) -> ok;
count(K) -> receive message -> count(K - 1) end.

flat(Format, Args) -> lists:flatten(io_lib:format(Format, Args)).
