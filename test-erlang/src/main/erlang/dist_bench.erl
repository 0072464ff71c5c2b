%% The BEAM side of bench/run dist (dev.beamlink.bench.dist.ThroughputBench): sinks that count messages,
%% senders that send them, an echo process and a ping-pong timer, the same work every peer does.
-module(dist_bench).
-export([message/1, start_sink/2, await_sink/2, blast/3, start_echo/1, ping/3,
         start_fan_sinks/3, await_fan/2, fan_blast/4, start_drain/1, flood_start/2, flood_stop/0, memory/0]).

%% The message of each kind: the small tuple of issue 7, or a binary of 1 MiB.
message(small) -> {hello, <<"payload-0123456789">>, 42, [1, 2, 3]};
message(mib) -> crypto:strong_rand_bytes(1 bsl 20).

%% Registers a sink as Name that takes N messages, whatever they are, out of its mailbox, and keeps the
%% microseconds from the first to the last for await_sink/2.
start_sink(Name, N) ->
    Reporter = spawn(fun() -> receive {sink_done, Micros} -> receive {get, From} -> From ! {sink, Micros} end end end),
    register(list_to_atom(atom_to_list(Name) ++ "_report"), Reporter),
    register(Name, spawn(fun() -> sink_first(N, Reporter) end)),
    ok.

sink_first(N, Reporter) ->
    receive _ -> ok end,
    T0 = erlang:monotonic_time(microsecond),
    sink_rest(N - 1),
    Reporter ! {sink_done, erlang:monotonic_time(microsecond) - T0}.

sink_rest(0) -> ok;
sink_rest(K) -> receive _ -> sink_rest(K - 1) end.

%% Waits for the sink registered as Name to take its N messages; returns the microseconds, or timeout.
await_sink(Name, TimeoutMs) ->
    Reporter = whereis(list_to_atom(atom_to_list(Name) ++ "_report")),
    Reporter ! {get, self()},
    receive {sink, Micros} -> Micros after TimeoutMs -> exit(Reporter, kill), timeout end.

%% Sends N messages of Kind to To ({Name, Node}); returns the microseconds the sending took.
blast(To, N, Kind) ->
    Msg = message(Kind),
    T0 = erlang:monotonic_time(microsecond),
    blast_loop(To, Msg, N),
    erlang:monotonic_time(microsecond) - T0.

blast_loop(_To, _Msg, 0) -> ok;
blast_loop(To, Msg, K) -> To ! Msg, blast_loop(To, Msg, K - 1).

%% Registers an echo process as Name: {From, Msg} is answered with Msg to From.
start_echo(Name) ->
    register(Name, spawn(fun echo/0)),
    ok.

echo() ->
    receive {From, Msg} -> From ! Msg, echo() end.

%% N round trips of the small message to the echo process To ({Name, Node}); returns "P50 P99" in
%% nanoseconds, the round trips timed one by one.
ping(To, N, Kind) ->
    Msg = message(Kind),
    Times = lists:sort(ping_loop(To, Msg, N, [])),
    Tuple = list_to_tuple(Times),
    lists:flatten(io_lib:format("~w ~w", [element(percentile_index(N, 50), Tuple), element(percentile_index(N, 99), Tuple)])).

ping_loop(_To, _Msg, 0, Acc) -> Acc;
ping_loop(To, Msg, K, Acc) ->
    T0 = erlang:monotonic_time(nanosecond),
    To ! {self(), Msg},
    receive Msg -> ok end,
    ping_loop(To, Msg, K - 1, [erlang:monotonic_time(nanosecond) - T0 | Acc]).

%% The 1-based index of the P-th percentile of N sorted values (nearest rank).
percentile_index(N, P) -> max(1, min(N, (N * P + 99) div 100)).

%% Fan-in and fan-out: Count sinks registered as Prefix_1 .. Prefix_Count, each taking N messages; await_fan/2 returns
%% the microseconds from the first message any of them took to the last.
start_fan_sinks(Prefix, Count, N) ->
    Collector = spawn(fun() -> fan_collect(Count, none, none) end),
    register(list_to_atom(atom_to_list(Prefix) ++ "_report"), Collector),
    [register(fan_name(Prefix, I), spawn(fun() -> fan_sink(N, Collector) end)) || I <- lists:seq(1, Count)],
    ok.

fan_name(Prefix, I) -> list_to_atom(atom_to_list(Prefix) ++ "_" ++ integer_to_list(I)).

fan_sink(N, Collector) ->
    receive _ -> ok end,
    First = erlang:monotonic_time(microsecond),
    sink_rest(N - 1),
    Collector ! {fan_done, First, erlang:monotonic_time(microsecond)}.

fan_collect(0, First, Last) -> receive {get, From} -> From ! {sink, Last - First} end;
fan_collect(K, First, Last) ->
    receive
        {fan_done, F, L} -> fan_collect(K - 1, earliest(First, F), latest(Last, L))
    end.

earliest(none, T) -> T;
earliest(A, B) -> min(A, B).
latest(none, T) -> T;
latest(A, B) -> max(A, B).

%% Waits for the sinks of Prefix; returns the microseconds, or timeout.
await_fan(Prefix, TimeoutMs) -> await_sink(Prefix, TimeoutMs).

%% Count processes, process I sending N small messages to {Prefix_I, Node}, all at once; returns the microseconds
%% until the last of them is done.
fan_blast(Prefix, Node, Count, N) ->
    Msg = message(small),
    Self = self(),
    T0 = erlang:monotonic_time(microsecond),
    Pids = [spawn(fun() -> blast_loop({fan_name(Prefix, I), Node}, Msg, N), Self ! {fan_sent, self()} end)
            || I <- lists:seq(1, Count)],
    [receive {fan_sent, Pid} -> ok end || Pid <- Pids],
    erlang:monotonic_time(microsecond) - T0.

%% A process registered as Name that takes whatever comes, for ever.
start_drain(Name) ->
    register(Name, spawn(fun drain/0)),
    ok.

drain() -> receive _ -> drain() end.

%% A process that sends binaries of Kind to To ({Name, Node}) one after the other until flood_stop/0.
flood_start(To, Kind) ->
    Msg = message(Kind),
    register(bench_flood, spawn(fun() -> flood(To, Msg, 0) end)),
    ok.

flood(To, Msg, N) ->
    receive
        {stop, From} -> From ! {flooded, N}
    after 0 ->
        To ! Msg,
        flood(To, Msg, N + 1)
    end.

%% Stops the flood; returns how many it sent.
flood_stop() ->
    bench_flood ! {stop, self()},
    receive {flooded, N} -> N end.

%% "Total RssBytes": erlang:memory(total), and the OS process's resident set from /proc.
memory() ->
    {ok, Status} = file:read_file("/proc/" ++ os:getpid() ++ "/status"),
    {match, [Kb]} = re:run(Status, "VmRSS:\\s+(\\d+) kB", [{capture, all_but_first, list}]),
    lists:flatten(io_lib:format("~w ~w", [erlang:memory(total), list_to_integer(Kb) * 1024])).
