%% Supervisor scenarios, run the same way against OTP's own supervisor (with erl workers) and against a Java one (with
%% Java workers, or erl workers started by a remote spawn_link): the driver below asks and crashes the supervisor under
%% test from erl and returns an outcome term with the pids taken out, so that a test compares the two outcomes.
%%
%% The pieces:
%% - a recorder process, which hears of every child start (and decides whether it succeeds: ok, ignore or {error, R}),
%%   monitors every child, and keeps what happened in order: {started, Id}, {ignored, Id}, {start_failed, Id, R},
%%   {signal, Id, R} (a trapping worker got an exit signal), {exiting, Id, R} (told to end), {down, Id, R};
%% - workers: plain (do not trap exits), trap (report an exit signal, then exit with its reason), stubborn (report it
%%   and go on: only a kill ends them); each ends with Reason when sent {exit, Reason};
%% - a parent process, which starts the supervisor linked to it and exits with Reason when sent {stop, Reason};
%% - the scenarios: config/1 (flags and children, which the Java side reads to build the same supervisor),
%%   prepare/2 (start decisions), run/4 (the driver) and run_otp/1 (all of it against OTP's supervisor).
-module(supervisor_scenarios).
-behaviour(supervisor).

-export([init/1]).
-export([recorder/0, prepare/2, policy/3, events/1, await_events/3, pid_of/2]).
-export([start_worker/3, worker/3, remote_worker/3, start_remote/4]).
-export([config/1, start_parent/2, run/4, run_otp/1, run_failed_start/3, finish/2]).
-export([dynamic/3, dynamic_starts/3, dynamic_otp/1, otp_spec/3, remote_spec/3, normalize/1]).
-export([node_down/3, node_disconnected/3, remote_otp/3]).

-define(WAIT, 20000).

%% ---------------------------------------------------------------- the supervisor's callback (OTP's side)

init({{Flags, Children}, Rec}) ->
    {ok, {Flags, [otp_child(Child, Rec) || Child <- Children]}}.

otp_child({Id, Restart, Shutdown, Type, Mode}, Rec) ->
    Start = case Mode of
                {remote, Node, WorkerMode} -> {?MODULE, start_remote, [Node, Id, Rec, WorkerMode]};
                _ -> {?MODULE, start_worker, [Id, Rec, Mode]}
            end,
    #{id => Id, start => Start, restart => Restart, shutdown => Shutdown, type => Type}.

%% ---------------------------------------------------------------- the recorder

recorder() ->
    spawn(fun() -> recorder_loop(#{events => [], ids => #{}, pids => #{}, policies => #{}, waiting => []}) end).

recorder_loop(#{events := Events, ids := Ids, pids := Pids, policies := Policies, waiting := Waiting} = S) ->
    receive
        {starting, Id, From} ->
            {Decision, Rest} = case maps:get(Id, Policies, []) of
                                   [D | More] -> {D, More};
                                   [] -> {ok, []}
                               end,
            From ! {start_decision, Id, Decision},
            S1 = S#{policies := Policies#{Id => Rest}},
            case Decision of
                ok -> recorder_loop(S1);
                ignore -> recorder_loop(record({ignored, Id}, S1));
                {error, Reason} -> recorder_loop(record({start_failed, Id, Reason}, S1))
            end;
        {started, Id, Pid, From} ->
            erlang:monitor(process, Pid),
            From ! {monitoring, Pid},
            recorder_loop(record({started, Id}, S#{ids := Ids#{Pid => Id}, pids := Pids#{Id => Pid}}));
        {signal, Id, Reason} ->
            recorder_loop(record({signal, Id, Reason}, S));
        {exiting, Id, Reason} ->
            recorder_loop(record({exiting, Id, Reason}, S));
        {'DOWN', _, process, Pid, Reason} ->
            recorder_loop(record({down, maps:get(Pid, Ids), Reason}, S));
        {policy, Id, Decisions, From} ->
            From ! {policy_set, Id},
            recorder_loop(S#{policies := Policies#{Id => Decisions}});
        {events, From} ->
            From ! {events, lists:reverse(Events)},
            recorder_loop(S);
        {await, Count, From} ->
            recorder_loop(answer_waiting(S#{waiting := [{Count, From} | Waiting]}));
        {pid, Id, From} ->
            From ! {pid, Id, maps:get(Id, Pids, undefined)},
            recorder_loop(S)
    end.

record(Event, #{events := Events} = S) ->
    answer_waiting(S#{events := [Event | Events]}).

answer_waiting(#{events := Events, waiting := Waiting} = S) ->
    Have = length(Events),
    {Ready, Still} = lists:partition(fun({Count, _}) -> Have >= Count end, Waiting),
    [From ! {awaited, Count} || {Count, From} <- Ready],
    S#{waiting := Still}.

%% Start decisions for a child: each start of Id takes the next one; ok once they are used up.
policy(Rec, Id, Decisions) ->
    Rec ! {policy, Id, Decisions, self()},
    receive {policy_set, Id} -> ok end.

%% {return, the events, oldest first}
events(Rec) ->
    Rec ! {events, self()},
    receive {events, Events} -> Events end.

%% Waits until there are Count events, at most Wait ms. {return, ok, or {timeout, Events}}
await_events(Rec, Count, Wait) ->
    Rec ! {await, Count, self()},
    receive
        {awaited, Count} -> ok
    after Wait -> {timeout, events(Rec)}
    end.

pid_of(Rec, Id) ->
    Rec ! {pid, Id, self()},
    receive {pid, Id, Pid} -> Pid end.

%% ---------------------------------------------------------------- workers

%% A start function (OTP's side): asks the recorder whether to start, starts a worker linked to the caller (the
%% supervisor), and lets the recorder monitor it before the supervisor goes on.
start_worker(Id, Rec, Mode) ->
    Rec ! {starting, Id, self()},
    receive {start_decision, Id, Decision} -> ok end,
    case Decision of
        ok ->
            Pid = spawn_link(?MODULE, worker, [Id, Rec, Mode]),
            Rec ! {started, Id, Pid, self()},
            receive {monitoring, Pid} -> {ok, Pid} end;
        Other ->
            Other
    end.

%% A start function that makes a child on another node: a remote spawn_link, as a Java supervisor's remote child is.
start_remote(Node, Id, Rec, Mode) ->
    {ok, spawn_link(Node, ?MODULE, remote_worker, [Id, Rec, Mode])}.

%% The body of a child started by a remote spawn_link: it tells the recorder itself.
remote_worker(Id, Rec, Mode) ->
    Rec ! {started, Id, self(), self()},
    receive {monitoring, _} -> ok end,
    worker(Id, Rec, Mode).

worker(Id, Rec, Mode) ->
    process_flag(trap_exit, Mode =/= plain),
    worker_loop(Id, Rec, Mode).

worker_loop(Id, Rec, Mode) ->
    receive
        {'EXIT', _From, Reason} ->
            Rec ! {signal, Id, Reason},
            case Mode of
                stubborn -> worker_loop(Id, Rec, Mode);
                _ -> exit(Reason)
            end;
        {exit, Reason} ->
            Rec ! {exiting, Id, Reason},
            exit(Reason)
    end.

%% ---------------------------------------------------------------- the parent

%% Starts a parent process that starts the supervisor linked to it. {return, {Parent, StartResult}}
start_parent(Config, Rec) ->
    Caller = self(),
    Parent = spawn(fun() ->
                           process_flag(trap_exit, true),
                           Caller ! {self(), supervisor:start_link(?MODULE, {Config, Rec})},
                           parent_loop()
                   end),
    receive {Parent, Result} -> {Parent, Result} end.

parent_loop() ->
    receive
        {stop, Reason} -> exit(Reason);
        _ -> parent_loop()
    end.

%% ---------------------------------------------------------------- the scenarios

%% {Flags, [{Id, Restart, Shutdown, Type, Mode}]}
config(intensity) ->
    {#{strategy => one_for_one, intensity => 1, period => 5},
     [{a, permanent, 5000, worker, trap}, {b, permanent, 5000, worker, trap}, {c, permanent, 5000, worker, trap}]};
config(shutdown) ->
    {#{strategy => one_for_one, intensity => 1, period => 5},
     [{a, permanent, 5000, worker, trap}, {b, permanent, 300, worker, stubborn}, {c, permanent, brutal_kill, worker, trap},
      {d, permanent, infinity, supervisor, trap}, {e, permanent, 1000, worker, plain}]};
config(rest_for_one) ->
    {#{strategy => rest_for_one, intensity => 10, period => 5},
     [{Id, permanent, 5000, worker, trap} || Id <- [a, b, c, d]]};
config(one_for_all) ->
    {#{strategy => one_for_all, intensity => 10, period => 5},
     [{a, permanent, 5000, worker, trap}, {b, permanent, 5000, worker, trap}, {c, temporary, 5000, worker, trap},
      {d, transient, 5000, worker, trap}]};
config(restart_types) ->
    {#{strategy => one_for_one, intensity => 10, period => 5},
     [{{Restart, Tag}, Restart, 5000, worker, plain} || Restart <- [permanent, transient, temporary], {Tag, _} <- exits()]};
config(failed_restart) ->
    {#{strategy => one_for_one, intensity => 3, period => 5},
     [{a, permanent, 5000, worker, trap}, {b, permanent, 5000, worker, plain}]};
config(failed_restart_forever) ->
    config(failed_restart);
config(rest_for_one_failed) ->
    config(rest_for_one);
config(init_failure) ->
    {#{strategy => one_for_one, intensity => 1, period => 5},
     [{a, permanent, 5000, worker, trap}, {b, permanent, 5000, worker, trap}, {c, permanent, 5000, worker, trap}]};
config(stranger_exit) ->
    {#{strategy => one_for_one, intensity => 1, period => 5}, [{a, permanent, 5000, worker, trap}]};
config(dynamic) ->
    {#{strategy => one_for_one, intensity => 10, period => 5}, []};
config({Remote, Node}) when Remote =:= node_down; Remote =:= node_disconnected ->
    {#{strategy => one_for_one, intensity => 2, period => 5}, [{w, permanent, 5000, worker, {remote, Node, plain}}]}.

exits() ->
    [{normal, normal}, {shutdown, shutdown}, {shutdown_tuple, {shutdown, bye}}, {boom, boom}].

%% Start decisions a scenario needs before its supervisor starts.
prepare(failed_restart, Rec) ->
    policy(Rec, b, [ok, {error, nope}, {error, nope}]);
prepare(failed_restart_forever, Rec) ->
    policy(Rec, b, [ok | lists:duplicate(10, {error, nope})]);
prepare(rest_for_one_failed, Rec) ->
    policy(Rec, c, [ok, {error, nope}]);
prepare(init_failure, Rec) ->
    policy(Rec, b, [{error, nope}]);
prepare(_, _Rec) ->
    ok.

%% The whole scenario against OTP's supervisor, with erl workers.
run_otp(Scenario) ->
    Rec = recorder(),
    prepare(Scenario, Rec),
    {Parent, Result} = start_parent(config(Scenario), Rec),
    case Result of
        {ok, Sup} -> run(Scenario, Sup, Parent, Rec);
        Error -> run_failed_start(Scenario, Error, Rec)
    end.

%% A supervisor that did not start: what it answered, and what happened to its children.
run_failed_start(init_failure, Error, Rec) ->
    {Error, finish(Rec, 4)}.

%% The driver: runs Scenario against the supervisor Sup (here or on another node) started by Parent, whose children
%% report to Rec. {return, the outcome, without pids}
run(intensity, Sup, _Parent, Rec) ->
    Mon = watch(Sup),
    ok = await_events(Rec, 3, ?WAIT),
    crash(Rec, b, boom),
    ok = await_events(Rec, 6, ?WAIT),
    crash(Rec, b, boom),
    {sup_down(Mon), finish(Rec, 12)};
run(shutdown, Sup, Parent, Rec) ->
    Mon = watch(Sup),
    ok = await_events(Rec, 5, ?WAIT),
    Asked = erlang:monotonic_time(millisecond),
    Parent ! {stop, {shutdown, bye}},
    Down = sup_down(Mon),
    Ended = erlang:monotonic_time(millisecond),
    %% b, which ignores its shutdown, holds the supervisor up for its 300 ms (measured from before the supervisor was
    %% asked to end, to after it ended: a bound that no delay of a message can break).
    {Down, finish(Rec, 13), {waited_for_b_300_ms, Ended - Asked >= 300}};
run(Strategy, Sup, _Parent, Rec) when Strategy =:= rest_for_one; Strategy =:= rest_for_one_failed;
                                     Strategy =:= one_for_all ->
    %% b of a, b, c, d crashes: the events that follow, and which children run then.
    ok = await_events(Rec, 4, ?WAIT),
    crash(Rec, b, boom),
    Events = case Strategy of
                 rest_for_one -> 13;
                 rest_for_one_failed -> 14;
                 one_for_all -> 15
             end,
    {finish(Rec, Events), children(Sup)};
run(restart_types, Sup, _Parent, Rec) ->
    ok = await_events(Rec, 12, ?WAIT),
    Count = lists:foldl(
              fun({Restart, Tag}, Seen) ->
                      {Tag, Reason} = lists:keyfind(Tag, 1, exits()),
                      crash(Rec, {Restart, Tag}, Reason),
                      Restarted = Restart =:= permanent orelse (Restart =:= transient andalso Tag =:= boom),
                      Next = Seen + 2 + case Restarted of true -> 1; false -> 0 end,
                      ok = await_events(Rec, Next, ?WAIT),
                      Next
              end, 12, [{Restart, Tag} || Restart <- [permanent, transient, temporary], {Tag, _} <- exits()]),
    {finish(Rec, Count), children(Sup), supervisor:count_children(Sup)};
run(failed_restart, Sup, _Parent, Rec) ->
    ok = await_events(Rec, 2, ?WAIT),
    crash(Rec, b, boom),
    {finish(Rec, 7), children(Sup)};
run(failed_restart_forever, Sup, _Parent, Rec) ->
    Mon = watch(Sup),
    ok = await_events(Rec, 2, ?WAIT),
    crash(Rec, b, boom),
    {sup_down(Mon), finish(Rec, 9)};
run(stranger_exit, Sup, Parent, Rec) ->
    %% An exit signal from a process that is neither its parent nor a child: trapped, and ignored.
    Mon = watch(Sup),
    ok = await_events(Rec, 1, ?WAIT),
    exit(Sup, shutdown),
    Children = children(Sup),
    Parent ! {stop, normal},
    {Children, sup_down(Mon), finish(Rec, 3)}.

%% Monitors the supervisor, and waits until the monitor is in place: a supervisor on another node may not be connected
%% yet, and could end before the monitor reaches it (a DOWN with noproc).
watch(Sup) ->
    Mon = monitor(process, Sup),
    _ = supervisor:which_children(Sup),
    Mon.

crash(Rec, Id, Reason) ->
    pid_of(Rec, Id) ! {exit, Reason}.

sup_down(Mon) ->
    receive {'DOWN', Mon, process, _, Reason} -> {sup_down, Reason}
    after ?WAIT -> {sup_down, timeout}
    end.

%% The events once there are Count (or all there are after the wait, which then differ from the expected ones):
%% {Ordered, Downs}. The order of the events a worker or the supervisor sends (started, start_failed, ignored, signal,
%% exiting) follows from what the supervisor does; a monitor's DOWN, though, comes from the ending process itself and
%% may reach the recorder before or after what the supervisor does next, on BEAM as on Java, so the DOWNs are kept
%% apart: each child's reasons, in order.
finish(Rec, Count) ->
    _ = await_events(Rec, Count, ?WAIT),
    Events = events(Rec),
    Ids = lists:usort([Id || {down, Id, _} <- Events]),
    {[E || E <- Events, element(1, E) =/= down], [{Id, [R || {down, I, R} <- Events, I =:= Id]} || Id <- Ids]}.

%% which_children without pids and modules: {Id, running | undefined | restarting, Type}
children(Sup) ->
    [{Id, child_state(Child), Type} || {Id, Child, Type, _Modules} <- supervisor:which_children(Sup)].

child_state(Pid) when is_pid(Pid) -> running;
child_state(Other) -> Other.

%% ---------------------------------------------------------------- dynamic children

%% A spec OTP's supervisor runs (the start goes through the recorder, which may make it fail or ignore).
otp_spec(Rec, Id, {Restart, Type}) ->
    #{id => Id, start => {?MODULE, start_worker, [Id, Rec, plain]}, restart => Restart, type => Type}.

%% A spec a Java supervisor runs: a remote spawn_link of a worker on this node.
remote_spec(Rec, Id, {Restart, Type}) ->
    #{id => Id, start => {erlang, spawn_link, [node(), ?MODULE, remote_worker, [Id, Rec, plain]]},
      restart => Restart, type => Type}.

%% start_child, terminate_child, restart_child, delete_child, get_childspec, which_children and count_children, and
%% their answers, with OTP's errors. Spec is fun(Id, {Restart, Type}) -> ChildSpec. {return, [{Step, Answer}], normalized}
dynamic(Sup, Rec, Spec) ->
    X = Spec(x, {permanent, worker}),
    Steps = [{start_x, fun() -> supervisor:start_child(Sup, X) end},
             {start_x_again, fun() -> supervisor:start_child(Sup, X) end},
             {restart_running, fun() -> supervisor:restart_child(Sup, x) end},
             {delete_running, fun() -> supervisor:delete_child(Sup, x) end},
             {terminate_x, fun() -> supervisor:terminate_child(Sup, x) end},
             {terminate_x_again, fun() -> supervisor:terminate_child(Sup, x) end},
             {start_x_present, fun() -> supervisor:start_child(Sup, X) end},
             {which_stopped, fun() -> supervisor:which_children(Sup) end},
             {restart_x, fun() -> supervisor:restart_child(Sup, x) end},
             {start_y_temporary, fun() -> supervisor:start_child(Sup, Spec(y, {temporary, worker})) end},
             {terminate_y, fun() -> supervisor:terminate_child(Sup, y) end},
             {restart_y_gone, fun() -> supervisor:restart_child(Sup, y) end},
             {terminate_by_pid, fun() -> supervisor:terminate_child(Sup, pid_of(Rec, x)) end},
             {start_z_supervisor, fun() -> supervisor:start_child(Sup, Spec(z, {transient, supervisor})) end},
             {count, fun() -> supervisor:count_children(Sup) end},
             {childspec_x, fun() -> supervisor:get_childspec(Sup, x) end},
             {childspec_none, fun() -> supervisor:get_childspec(Sup, nope) end},
             {bad_mfa, fun() -> supervisor:start_child(Sup, #{id => q, start => bad}) end},
             {bad_spec, fun() -> supervisor:start_child(Sup, {q}) end},
             {no_id, fun() -> supervisor:start_child(Sup, #{start => {m, f, []}}) end},
             {bad_restart, fun() -> supervisor:start_child(Sup, (Spec(q, {permanent, worker}))#{restart => often}) end},
             {bad_shutdown, fun() -> supervisor:start_child(Sup, (Spec(q, {permanent, worker}))#{shutdown => -1}) end},
             {significant, fun() -> supervisor:start_child(Sup, (Spec(q, {transient, worker}))#{significant => true}) end},
             {bad_significant, fun() -> supervisor:start_child(Sup, (Spec(q, {permanent, worker}))#{significant => sometimes}) end},
             {bad_type, fun() -> supervisor:start_child(Sup, (Spec(q, {permanent, worker}))#{type => boss}) end},
             {bad_modules, fun() -> supervisor:start_child(Sup, (Spec(q, {permanent, worker}))#{modules => foo}) end},
             {bad_module, fun() -> supervisor:start_child(Sup, (Spec(q, {permanent, worker}))#{modules => [a, 1]}) end},
             {no_start, fun() -> supervisor:start_child(Sup, #{id => q}) end},
             {terminate_x_last, fun() -> supervisor:terminate_child(Sup, x) end},
             {delete_x, fun() -> supervisor:delete_child(Sup, x) end},
             {delete_x_gone, fun() -> supervisor:delete_child(Sup, x) end},
             {restart_none, fun() -> supervisor:restart_child(Sup, nope) end},
             {terminate_none, fun() -> supervisor:terminate_child(Sup, nope) end},
             {which_end, fun() -> supervisor:which_children(Sup) end}],
    Answers = [{Name, Step()} || {Name, Step} <- Steps],
    normalize({Answers, finish(Rec, 7)}).

%% dynamic/3 or dynamic_starts/3 against a new OTP supervisor.
dynamic_otp(Steps) ->
    Rec = recorder(),
    {_Parent, {ok, Sup}} = start_parent(config(dynamic), Rec),
    ?MODULE:Steps(Sup, Rec, fun(Id, Kind) -> otp_spec(Rec, Id, Kind) end).

%% Starts that fail or are ignored (the recorder decides), against a supervisor whose starts ask it.
dynamic_starts(Sup, Rec, Spec) ->
    policy(Rec, f, [{error, nope}]),
    policy(Rec, g, [ignore, {error, again}]),
    policy(Rec, h, [ignore]),
    Steps = [{start_failing, fun() -> supervisor:start_child(Sup, Spec(f, {permanent, worker})) end},
             {start_ignoring, fun() -> supervisor:start_child(Sup, Spec(g, {permanent, worker})) end},
             {start_ignoring_temporary, fun() -> supervisor:start_child(Sup, Spec(h, {temporary, worker})) end},
             {restart_failing, fun() -> supervisor:restart_child(Sup, g) end},
             {restart_succeeding, fun() -> supervisor:restart_child(Sup, g) end},
             {which, fun() -> supervisor:which_children(Sup) end},
             {count, fun() -> supervisor:count_children(Sup) end}],
    Answers = [{Name, Step()} || {Name, Step} <- Steps],
    normalize({Answers, finish(Rec, 5)}).

%% Pids become {pid, N} in the order they first appear (so that the same pid stays the same), and what names the start
%% function ({M, F, A}) and the modules become '_': the two supervisors' children start differently.
normalize(Term) ->
    {Out, _} = normalize(Term, #{}),
    Out.

normalize(Pid, Seen) when is_pid(Pid) ->
    case Seen of
        #{Pid := N} -> {{pid, N}, Seen};
        _ -> N = map_size(Seen) + 1, {{pid, N}, Seen#{Pid => N}}
    end;
normalize({child, Pid, Id, _MFA, Restart, Significant, Shutdown, Type, _Mods}, Seen) ->
    normalize({child, Pid, Id, '_', Restart, Significant, Shutdown, Type, '_'}, Seen, tuple);
normalize({Id, Child, Type, Mods}, Seen) when (Type =:= worker orelse Type =:= supervisor)
                                              andalso (is_list(Mods) orelse Mods =:= dynamic) ->
    normalize({Id, Child, Type, '_'}, Seen, tuple);
normalize(#{start := _, modules := _} = Spec, Seen) ->
    normalize(Spec#{start := '_', modules := '_'}, Seen, map);
normalize(Tuple, Seen) when is_tuple(Tuple) ->
    normalize(Tuple, Seen, tuple);
normalize([H | T], Seen) ->
    {H1, S1} = normalize(H, Seen),
    {T1, S2} = normalize(T, S1),
    {[H1 | T1], S2};
normalize(Map, Seen) when is_map(Map) ->
    normalize(Map, Seen, map);
normalize(Other, Seen) ->
    {Other, Seen}.

normalize(Tuple, Seen, tuple) ->
    {List, S1} = normalize(tuple_to_list(Tuple), Seen),
    {list_to_tuple(List), S1};
normalize(Map, Seen, map) ->
    {Pairs, S1} = normalize(lists:sort(maps:to_list(Map)), Seen),
    {maps:from_list(Pairs), S1}.

%% ---------------------------------------------------------------- a child on another node

%% A scenario with a child on WorkerNode, against OTP's supervisor on SupNode.
remote_otp(Scenario, SupNode, WorkerNode) ->
    Rec = recorder(),
    {Parent, {ok, Sup}} = erpc:call(SupNode, ?MODULE, start_parent, [config({Scenario, WorkerNode}), Rec]),
    ?MODULE:Scenario(Sup, Parent, Rec).

%% The node of the only child, w, goes down (halts): to the supervisor the child ended with noconnection; its restarts
%% cannot reach the node and run into the intensity (2 in 5 s), so the supervisor ends with shutdown.
node_down(Sup, _Parent, Rec) ->
    Mon = watch(Sup),
    ok = await_events(Rec, 1, ?WAIT),
    Node = node(pid_of(Rec, w)),
    erpc:cast(Node, erlang, halt, []),
    {sup_down(Mon), finish(Rec, 2)}.

%% The child's node, where this runs, drops the connection to the supervisor's node: the child ends with noconnection,
%% and its restart connects again and starts it here anew.
node_disconnected(Sup, _Parent, Rec) ->
    ok = await_events(Rec, 1, ?WAIT),
    true = erlang:disconnect_node(node(Sup)),
    Events = finish(Rec, 3),
    {Events, [{Id, node(Pid) =:= node(), Type} || {Id, Pid, Type, _} <- supervisor:which_children(Sup)]}.
