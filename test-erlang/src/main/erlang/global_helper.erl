%% Erlang side of the global interop tests (dev.beamlink.dist.Global*InteropTest): global:sync/0 with a time-out,
%% processes that hold global names, and a trace of what global's own processes send and receive.
-module(global_helper).
-export([sync/1, holder/0, holder/1, await_global/2, trace_start/0, trace_stop/2]).

%% global:sync() in a process of its own: ok, or timeout after Millis.
sync(Millis) ->
    Self = self(),
    Ref = make_ref(),
    Pid = spawn(fun() -> Self ! {Ref, global:sync()} end),
    receive
        {Ref, Result} -> Result
    after Millis ->
        exit(Pid, kill),
        timeout
    end.

%% A process that waits until it gets stop (it then ends normally).
holder() ->
    spawn(fun() -> receive stop -> ok end end).

%% A holder registered globally as Name; yes or no from global:register_name/2 comes back with its pid.
holder(Name) ->
    Pid = holder(),
    {global:register_name(Name, Pid), Pid}.

%% Waits up to Millis for global:whereis_name(Name) to be Expected (a pid, or undefined); returns what it is then.
await_global(Name, {Expected, Millis}) ->
    Deadline = erlang:monotonic_time(millisecond) + Millis,
    await_global(Name, Expected, Deadline).

await_global(Name, Expected, Deadline) ->
    case global:whereis_name(Name) of
        Expected -> Expected;
        Other ->
            case erlang:monotonic_time(millisecond) > Deadline of
                true -> Other;
                false -> timer:sleep(20), await_global(Name, Expected, Deadline)
            end
    end.

%% Traces what global_name_server and its locker send and receive; trace_stop/2 of what this returns ends the
%% trace and returns its events that concern a node.
trace_start() ->
    Collector = spawn(fun() -> collect([]) end),
    Traced = [whereis(global_name_server), global:get_locker()],
    [erlang:trace(P, true, [send, 'receive', {tracer, Collector}]) || P <- Traced],
    {Collector, Traced}.

trace_stop({Collector, Traced}, Node) ->
    [erlang:trace(P, false, [send, 'receive']) || P <- Traced],
    Ref = make_ref(),
    Collector ! {stop, self(), Ref},
    Name = atom_to_binary(Node, utf8),
    receive
        {Ref, Events} -> [E || E <- Events, binary:match(term_to_binary(E), Name) =/= nomatch]
    after 5000 -> timeout
    end.

collect(Events) ->
    receive
        {stop, From, Ref} -> From ! {Ref, lists:reverse(Events)};
        Event -> collect([Event | Events])
    end.
