%% Erlang side of the distribution interop tests (dev.beamlink.dist): senders and sinks that check the
%% per-sender order of numbered messages, and small servers a Java node talks to.
-module(dist_helper).
-export([start_sink/3, sink/4, blast/3, start_blasters/4, await/2, echo/0, call_server/0]).

%% A registered sink that expects Total messages {seq, Sender, I}, I = 1, 2, ... for each sender, and then
%% sends {sink_done, Received, OutOfOrder, Micros} to ReportTo.
start_sink(Name, Total, ReportTo) ->
    Pid = spawn(?MODULE, sink, [Total, ReportTo, #{}, {0, 0, undefined}]),
    register(Name, Pid),
    Pid.

sink(Total, ReportTo, Next, {Received, Bad, Start}) when Received =:= Total ->
    ReportTo ! {sink_done, Received, Bad, erlang:monotonic_time(microsecond) - Start},
    _ = Next,
    ok;
sink(Total, ReportTo, Next, {Received, Bad, Start0}) ->
    receive
        {seq, Sender, I} ->
            Start = case Start0 of undefined -> erlang:monotonic_time(microsecond); _ -> Start0 end,
            Expected = maps:get(Sender, Next, 1),
            Bad1 = case I of Expected -> Bad; _ -> Bad + 1 end,
            sink(Total, ReportTo, Next#{Sender => I + 1}, {Received + 1, Bad1, Start})
    end.

%% Sends {seq, self(), I} for I = 1..N to To (a pid or {Name, Node}).
blast(To, N, ReportTo) ->
    blast_loop(To, 1, N),
    ReportTo ! {blast_done, self()}.

blast_loop(_To, I, N) when I > N -> ok;
blast_loop(To, I, N) ->
    To ! {seq, self(), I},
    blast_loop(To, I + 1, N).

%% Starts Count senders of N messages each to To; returns their pids.
start_blasters(To, Count, N, ReportTo) ->
    [spawn(?MODULE, blast, [To, N, ReportTo]) || _ <- lists:seq(1, Count)].

%% Waits for a message matching Tag as first element.
await(Tag, Timeout) ->
    receive
        Msg when element(1, Msg) =:= Tag -> Msg
    after Timeout -> timeout
    end.

%% Answers {From, Msg} with Msg to From; stops on stop.
echo() ->
    receive
        stop -> ok;
        {From, Msg} -> From ! Msg, echo()
    end.

%% A gen_server-like loop answering gen:call requests with {reply, Request}.
call_server() ->
    receive
        {'$gen_call', From, Request} ->
            gen:reply(From, {reply, Request}),
            call_server();
        stop -> ok
    end.
