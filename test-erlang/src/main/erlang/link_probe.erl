%% Erlang side of the links-and-monitors interop tests: a probe is a BEAM process that a test drives
%% from outside. It traps exits or not, runs the funs it is given in its own context (link/1, unlink/1,
%% monitor/2, exit/1, exit/2 ...), and keeps every other message it receives ({'EXIT', ...},
%% {'DOWN', ...}, anything sent to it), so that the test can read what BEAM delivered, in order.
%%
%%   P = link_probe:start(true),                          % a probe that traps exits
%%   true = link_probe:call(P, fun() -> link(JavaPid) end),
%%   [{'EXIT', JavaPid, boom}] = link_probe:messages(P, 1, 10000),
%%   boom = link_probe:await_end(Q, 10000).              % the reason Q ended with, or alive
-module(link_probe).
-export([start/1, start/2, call/2, cast/2, messages/3, await_end/2, alive_after/2, links/1, monitored_by/1, dead_pid/0, spawn_many/2]).

-define(CALL_TIMEOUT, 20000).

-define(ENDS, link_probe_ends).

%% A new probe, trapping exits if Trap; it lives until an exit signal or a fun it runs ends it.
start(Trap) ->
    start(Trap, undefined).

%% The same, registered as Name unless Name is undefined. A watcher that monitors the probe from its first
%% moment files the reason it ends with, so that await_end/2 knows it even after the fact.
start(Trap, Name) ->
    ensure_ends_table(),
    Caller = self(),
    Init = fun() ->
                   process_flag(trap_exit, Trap),
                   [register(Name, self()) || Name =/= undefined],
                   Caller ! {probe_ready, self()},
                   loop([])
           end,
    spawn(fun() ->
                  {Probe, Ref} = spawn_monitor(Init),
                  ets:insert(?ENDS, {Probe, running}),
                  receive {'DOWN', Ref, process, Probe, Why} -> ets:insert(?ENDS, {Probe, {ended, Why}}) end
          end),
    receive {probe_ready, Probe} -> Probe end.

%% The public table of probe ends, made once by a process that keeps it.
ensure_ends_table() ->
    case ets:info(?ENDS, name) of
        undefined ->
            Caller = self(),
            Owner = spawn(fun() ->
                                  catch ets:new(?ENDS, [named_table, public, set]),  % badarg: made meanwhile
                                  Caller ! {ends_table, self()},
                                  receive after infinity -> ok end
                          end),
            receive {ends_table, Owner} -> ok end;
        _ ->
            ok
    end.

loop(Got) ->
    receive
        {'$probe_run', From, Ref, Fun} ->
            From ! {'$probe_ran', Ref, Fun()},          % a fun that raises ends the probe with its reason
            loop(Got);
        {'$probe_cast', Fun} ->
            Fun(),
            loop(Got);
        {'$probe_messages', From, Ref} ->
            From ! {'$probe_messages', Ref, lists:reverse(Got)},
            loop(Got);
        Other ->
            loop([Other | Got])
    end.

%% Runs Fun in the probe and returns its value, or {dead, Reason} if the probe ended (before or by it).
call(Probe, Fun) ->
    Ref = monitor(process, Probe),
    Probe ! {'$probe_run', self(), Ref, Fun},
    receive
        {'$probe_ran', Ref, Value} -> demonitor(Ref, [flush]), Value;
        {'DOWN', Ref, process, Probe, Reason} -> {dead, Reason}
    after ?CALL_TIMEOUT -> error({probe_timeout, Probe})
    end.

%% Runs Fun in the probe without waiting for it.
cast(Probe, Fun) ->
    Probe ! {'$probe_cast', Fun},
    ok.

%% The messages the probe kept, oldest first, once there are at least Count (or Timeout ms passed);
%% {dead, Reason} if the probe has ended.
messages(Probe, Count, Timeout) ->
    Deadline = erlang:monotonic_time(millisecond) + Timeout,
    messages_until(Probe, Count, Deadline).

messages_until(Probe, Count, Deadline) ->
    Ref = monitor(process, Probe),
    Probe ! {'$probe_messages', self(), Ref},
    receive
        {'$probe_messages', Ref, Got} ->
            demonitor(Ref, [flush]),
            case length(Got) >= Count orelse erlang:monotonic_time(millisecond) >= Deadline of
                true -> Got;
                false -> timer:sleep(10), messages_until(Probe, Count, Deadline)
            end;
        {'DOWN', Ref, process, Probe, Reason} -> {dead, Reason}
    after ?CALL_TIMEOUT -> error({probe_timeout, Probe})
    end.

%% The reason Pid ends with, waiting up to Timeout ms; alive if it still lives then. For a probe this is
%% the reason it ended with even if that was long ago; for another process, one that ended before the call
%% gives noproc.
await_end(Pid, Timeout) ->
    await_end_until(Pid, erlang:monotonic_time(millisecond) + Timeout).

await_end_until(Pid, Deadline) ->
    case ets:whereis(?ENDS) =/= undefined andalso ets:lookup(?ENDS, Pid) of
        [{Pid, {ended, Why}}] ->
            Why;
        [{Pid, running}] ->
            case erlang:monotonic_time(millisecond) >= Deadline of
                true -> alive;
                false -> timer:sleep(5), await_end_until(Pid, Deadline)
            end;
        _ ->
            Ref = monitor(process, Pid),
            receive {'DOWN', Ref, process, Pid, Reason} -> Reason
            after max(0, Deadline - erlang:monotonic_time(millisecond)) -> demonitor(Ref, [flush]), alive
            end
    end.

%% Whether Pid still lives after Ms milliseconds (for signals that must have no effect).
alive_after(Pid, Ms) ->
    timer:sleep(Ms),
    is_process_alive(Pid).

%% The processes Pid is linked to ([] once it has ended).
links(Pid) ->
    case process_info(Pid, links) of
        {links, Links} -> Links;
        undefined -> []
    end.

%% The processes that monitor Pid ([] once it has ended); a probe's watcher is one of them.
monitored_by(Pid) ->
    case process_info(Pid, monitored_by) of
        {monitored_by, Watchers} -> Watchers;
        undefined -> []
    end.

%% The pid of a process that has ended.
dead_pid() ->
    {Pid, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, process, Pid, _} -> Pid end.

%% Count processes that each run Fun(), which sets them up and then waits for ever; their pids, once all ran Fun.
spawn_many(Count, Fun) ->
    Caller = self(),
    Pids = [spawn(fun() -> Fun(), Caller ! {spawned, self()}, receive stop -> ok end end)
            || _ <- lists:seq(1, Count)],
    [receive {spawned, P} -> P end || P <- Pids].
