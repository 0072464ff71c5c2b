%% Erlang side of `bench/run rpc` (dev.beamlink.bench.dist.RpcBench): erpc round trips from a BEAM process.
-module(rpc_bench).
-export([calls/3]).

%% Callers processes, each making N erpc:call(Node, erlang, node, []) one after the other: the microseconds from the
%% first call to the last answer.
calls(Node, N, Callers) ->
    Self = self(),
    T0 = erlang:monotonic_time(microsecond),
    Pids = [spawn_link(fun() -> loop(Node, N), Self ! {done, self()} end) || _ <- lists:seq(1, Callers)],
    [receive {done, Pid} -> ok end || Pid <- Pids],
    erlang:monotonic_time(microsecond) - T0.

loop(_Node, 0) ->
    ok;
loop(Node, N) ->
    Node = erpc:call(Node, erlang, node, []),
    loop(Node, N - 1).
