%% The cases of java_node_tests: each runs in a fresh process on the suite's own distributed erl node, against a
%% beamlink Java node (dev.beamlink.interop.JavaPeer), and checks one rule of src/docs/semantics.md from BEAM's point
%% of view. A case returns ok or fails with an EUnit assertion.
%%
%% Java processes are "actors" the Java node starts on request: each traps exits or not, runs the commands it is
%% sent (link, unlink, monitor, exit/2, register, end itself ...) and keeps every other message it gets.
-module(java_node_cases).
-include_lib("eunit/include/eunit.hrl").

-export([link_to_java_gets_exit_when_java_fails/1, link_is_idempotent/1, link_to_dead_java_pid_gives_noproc/1,
         java_link_to_erl_process/1, trapping_java_gets_exit_messages/1, exit_into_java/1,
         monitor_java_pid/1, monitor_java_name/1, monitor_nothing_gives_noproc/1, demonitor_flush/1,
         owner_need_not_trap/1, unlink_while_java_exit_in_flight/1, java_unlink_while_erl_exit_in_flight/1,
         nodedown_when_java_stops/1, call_exported_function/1, call_failures_as_otp_reports_them/1,
         spawn_java_processes/1, java_processes_in_pg_groups/1, look_inside_the_java_node/1,
         gen_server_call_and_cast_into_java/1, sys_on_a_java_gen_server/1, a_java_gen_server_crash_as_erl_sees_it/1]).

-define(TIMEOUT, 20000).
-define(QUIET, 400).

%% ---- links

%% link/1 to a Java pid, and the EXIT this process gets when the Java process fails: a readable reason term.
link_to_java_gets_exit_when_java_fails(Java) ->
    process_flag(trap_exit, true),
    Actor = actor(Java, false),
    true = link(Actor),
    await_links(Actor, [self()]),
    tell(Actor, {throw, <<"boom">>}),
    receive
        {'EXIT', Actor, {{'java.lang.IllegalStateException', <<"boom">>}, [{_, _, 0, _} | _]}} -> ok
    after ?TIMEOUT -> error(no_exit)
    end,
    %% A process that does not trap exits dies of it, with the same reason.
    Failing = actor(Java, false),
    {Victim, Ref} = spawn_monitor(fun() -> link(Failing), receive never -> ok end end),
    await_links(Failing, [Victim]),
    tell(Failing, {throw, <<"boom">>}),
    ?assertMatch({{'java.lang.IllegalStateException', <<"boom">>}, [_ | _]}, reason(Victim, Ref, ?TIMEOUT)).

%% Linking twice makes one link: one EXIT.
link_is_idempotent(Java) ->
    process_flag(trap_exit, true),
    Actor = actor(Java, false),
    true = link(Actor),
    true = link(Actor),
    await_links(Actor, [self()]),
    tell(Actor, {exit, boom}),
    ?assertEqual(boom, receive {'EXIT', Actor, Why} -> Why after ?TIMEOUT -> timeout end),
    ?assertEqual(none, receive {'EXIT', Actor, _} = Second -> Second after ?QUIET -> none end).

%% A link to a Java pid that is gone is answered with an exit signal noproc: a message for a trapping process,
%% the end of one that does not trap.
link_to_dead_java_pid_gives_noproc(Java) ->
    Dead = dead_actor(Java),
    process_flag(trap_exit, true),
    true = link(Dead),
    ?assertEqual(noproc, receive {'EXIT', Dead, Why} -> Why after ?TIMEOUT -> timeout end),
    {Pid, Ref} = spawn_monitor(fun() -> link(Dead), receive never -> ok end end),
    ?assertEqual(noproc, reason(Pid, Ref, ?TIMEOUT)).

%% A Java process links to a BEAM process; the BEAM process's end reaches it (it dies, or traps).
java_link_to_erl_process(Java) ->
    Worker = spawn(fun() -> receive {die, Why} -> exit(Why) end end),
    Actor = actor(Java, false),
    ?assertEqual(true, call(Actor, {link, Worker})),
    ?assertEqual(false, call(Actor, {link, Worker})),
    ?assertEqual({links, [Actor]}, process_info(Worker, links)),
    Ref = monitor(process, Actor),
    Worker ! {die, boom},
    ?assertEqual(boom, reason(Actor, Ref, ?TIMEOUT)).

%% A trapping Java process gets {'EXIT', From, Reason} for every way a linked BEAM process ends, kill included.
trapping_java_gets_exit_messages(Java) ->
    Actor = actor(Java, true),
    Ends = [{normal, fun(P) -> P ! {die, normal} end, normal},
            {crash, fun(P) -> P ! {die, crash} end, crash},
            {killed, fun(P) -> exit(P, kill) end, killed},
            {exit_kill, fun(P) -> P ! {die, kill} end, kill}],
    Expected = [begin
                    Worker = spawn(fun() -> receive {die, Why} -> exit(Why) end end),
                    true = call(Actor, {link, Worker}),
                    await_links(Worker, [Actor]),
                    End(Worker),
                    {'EXIT', Worker, Reason}
                end || {_, End, Reason} <- Ends],
    ?assertEqual(Expected, await_kept(Actor, length(Expected))),
    ?assertEqual([], call(Actor, links)).

%% exit/2 into Java processes, every row of src/docs/semantics.md's second table. The call that follows the exit signal
%% comes from the same process, so it is applied after it.
exit_into_java(Java) ->
    Rows = [{normal, false, ignored}, {normal, true, {message, normal}},
            {kill, false, {dies, killed}}, {kill, true, {dies, killed}},
            {boom, false, {dies, boom}}, {boom, true, {message, boom}}],
    lists:foreach(
      fun({Reason, Trap, Effect}) ->
              Actor = actor(Java, Trap),
              Ref = monitor(process, Actor),
              exit(Actor, Reason),
              Outcome = case call(Actor, messages) of
                            {dead, _} -> {dies, reason(Actor, Ref, ?TIMEOUT)};
                            [] -> ignored;
                            [{'EXIT', Self, Why}] when Self =:= self() -> {message, Why}
                        end,
              ?assertEqual({Reason, Trap, Effect}, {Reason, Trap, Outcome})
      end, Rows).

%% ---- monitors

%% monitor/2 on a Java pid: N monitors, N DOWNs told apart by their references.
monitor_java_pid(Java) ->
    Actor = actor(Java, false),
    Refs = [monitor(process, Actor) || _ <- lists:seq(1, 3)],
    tell(Actor, {exit, bye}),
    Downs = [receive {'DOWN', Ref, process, Actor, Why} -> {Ref, Why} after ?TIMEOUT -> timeout end || Ref <- Refs],
    ?assertEqual([{Ref, bye} || Ref <- Refs], Downs),
    ?assertEqual(none, receive {'DOWN', _, _, _, _} = More -> More after ?QUIET -> none end).

%% monitor/2 on {Name, JavaNode}: the DOWN names {Name, JavaNode}, and a normal end is delivered too.
monitor_java_name(Java) ->
    Actor = actor(Java, false),
    ok = call(Actor, {register, java_named}),
    Ref = monitor(process, {java_named, Java}),
    tell(Actor, return),
    ?assertEqual({java_named, Java, normal},
                 receive {'DOWN', Ref, process, {Name, Node}, Why} -> {Name, Node, Why} after ?TIMEOUT -> timeout end).

%% A dead Java pid or an unregistered name: DOWN noproc at once.
monitor_nothing_gives_noproc(Java) ->
    Dead = dead_actor(Java),
    ByPid = monitor(process, Dead),
    ByName = monitor(process, {nobody_here, Java}),
    ?assertEqual(noproc, receive {'DOWN', ByPid, process, Dead, Why} -> Why after ?TIMEOUT -> timeout end),
    ?assertEqual(noproc, receive {'DOWN', ByName, process, {nobody_here, Java}, Why} -> Why after ?TIMEOUT -> timeout end).

%% demonitor/1 reaches the Java process (no DOWN later); demonitor/2 with flush removes a DOWN already here.
demonitor_flush(Java) ->
    Kept = actor(Java, false),
    Removed = monitor(process, Kept),
    true = demonitor(Removed),
    tell(Kept, {exit, bye}),
    ?assertEqual(none, receive {'DOWN', Removed, _, _, _} = D1 -> D1 after ?QUIET -> none end),
    Actor = actor(Java, false),
    Ref = monitor(process, Actor),
    tell(Actor, {exit, bye}),
    await(fun() -> element(2, process_info(self(), message_queue_len)) > 0 end),
    true = demonitor(Ref, [flush]),
    ?assertEqual(none, receive {'DOWN', Ref, _, _, _} = D2 -> D2 after 0 -> none end).

%% A monitor never kills its owner, and a Java process that monitors a BEAM one need not trap exits.
owner_need_not_trap(Java) ->
    Worker = spawn(fun() -> receive {die, Why} -> exit(Why) end end),
    Actor = actor(Java, false),
    JavaRef = call(Actor, {monitor, Worker}),
    ErlRef = monitor(process, Worker),
    Worker ! {die, boom},
    ?assertEqual(boom, receive {'DOWN', ErlRef, process, Worker, Why} -> Why after ?TIMEOUT -> timeout end),
    ?assertEqual([{'DOWN', JavaRef, process, Worker, boom}], await_kept(Actor, 1)).

%% ---- unlink races

%% The Java process ends while this side unlinks it: the EXIT it sends is in flight when unlink/1 runs here, so
%% it arrives after the unlink and has no effect (erl_dist_protocol, "Link Protocol": UNLINK_ID). (Were this
%% process held up between its message and its unlink for a whole round trip, the EXIT would come first and end
%% it, rightly: such a round counts as neither.)
unlink_while_java_exit_in_flight(Java) ->
    Survived = lists:filter(
                 fun(_) ->
                         Actor = actor(Java, false),
                         Parent = self(),
                         Unlinker = spawn(fun() ->
                                                  link(Actor),
                                                  await_links(Actor, [self()]),
                                                  tell(Actor, {exit, boom}),
                                                  true = unlink(Actor),
                                                  Parent ! {unlinked, self()},
                                                  receive never -> ok end
                                          end),
                         Ref = monitor(process, Unlinker),
                         receive
                             {unlinked, Unlinker} ->
                                 ?assertEqual(alive, reason(Unlinker, Ref, ?QUIET)),
                                 exit(Unlinker, kill),
                                 true;
                             {'DOWN', Ref, process, Unlinker, boom} ->
                                 false
                         after ?TIMEOUT -> error(no_unlink)
                         end
                 end, lists:seq(1, 10)),
    ?assertNotEqual([], Survived).

%% A BEAM process ends while the Java process unlinks it. If the Java process answered its unlink, the EXIT
%% came after it and had no effect; if the EXIT came first, the Java process died of it. Either way, no
%% Java process dies after its unlink returned.
java_unlink_while_erl_exit_in_flight(Java) ->
    Outcomes = lists:map(
                 fun(_) ->
                         Actor = actor(Java, false),
                         Ref = monitor(process, Actor),
                         Worker = spawn(fun() -> receive {unlink_and_die, From} ->
                                                         Actor ! {call, From, unlinked, {unlink, self()}},
                                                         exit(boom)
                                                 end
                                        end),
                         true = call(Actor, {link, Worker}),
                         await_links(Worker, [Actor]),
                         Worker ! {unlink_and_die, self()},
                         receive
                             {unlinked, true} ->
                                 ?assertEqual(alive, reason(Actor, Ref, ?QUIET)),
                                 ?assertEqual([], call(Actor, links)),
                                 survived;
                             {'DOWN', Ref, process, Actor, boom} ->
                                 died_first
                         after ?TIMEOUT -> error(no_outcome)
                         end
                 end, lists:seq(1, 10)),
    ?assert(lists:all(fun(O) -> O =:= survived orelse O =:= died_first end, Outcomes)).

%% ---- calls, spawns and groups: functions the Java node exports (java_peer:add/2, raise/2, wait/0, member/1)

%% erpc:call/4 and rpc:call/4 of an exported function, and the rex message of jinterface's sendRPC.
call_exported_function(Java) ->
    ?assertEqual(3, erpc:call(Java, java_peer, add, [1, 2])),
    ?assertEqual(3, rpc:call(Java, java_peer, add, [1, 2])),
    {rex, Java} ! {self(), {call, java_peer, add, [1, 2], user}},
    ?assertEqual({rex, 3}, receive {rex, _} = Answer -> Answer after ?TIMEOUT -> timeout end).

%% An unknown function, and what a Java function raises, as OTP reports them for an Erlang function.
call_failures_as_otp_reports_them(Java) ->
    Undef = [{java_peer, nope, [1], []}],
    ?assertEqual({error, {exception, undef, Undef}}, catching(fun() -> erpc:call(Java, java_peer, nope, [1]) end)),
    ?assertEqual({badrpc, {'EXIT', {undef, Undef}}}, rpc:call(Java, java_peer, nope, [1])),
    ?assertEqual({exit, {exception, bye}}, catching(fun() -> erpc:call(Java, java_peer, raise, [exit, bye]) end)),
    ?assertEqual({throw, ball}, catching(fun() -> erpc:call(Java, java_peer, raise, [throw, ball]) end)),
    {error, {exception, badarg, Stack}} = catching(fun() -> erpc:call(Java, java_peer, raise, [error, badarg]) end),
    ?assertEqual({java_peer, raise, 2, []}, lists:last(Stack)),
    ?assertMatch({error, {exception, {'java.lang.IllegalStateException', <<"boom">>}, [_ | _]}},
                 catching(fun() -> erpc:call(Java, java_peer, raise, [java, <<"boom">>]) end)),
    ?assertEqual({badrpc, {'EXIT', bye}}, rpc:call(Java, java_peer, raise, [exit, bye])),
    ?assertEqual(ball, rpc:call(Java, java_peer, raise, [throw, ball])),
    ?assertEqual({error, {erpc, badarg}}, catching(fun() -> erpc:call(Java, java_peer, add, not_a_list) end)).

%% spawn_link, spawn_monitor and spawn_opt of exported functions start Java processes, linked and monitored from
%% their first moment; an unknown function ends its process with undef, as on BEAM.
spawn_java_processes(Java) ->
    process_flag(trap_exit, true),
    Linked = spawn_link(Java, java_peer, wait, []),
    ?assertEqual(Java, node(Linked)),
    ?assertEqual({links, [self()]}, erpc:call(Java, erlang, process_info, [Linked, links])),
    Linked ! done,
    ?assertEqual(normal, receive {'EXIT', Linked, Why} -> Why after ?TIMEOUT -> timeout end),
    {Monitored, Ref} = spawn_monitor(Java, java_peer, raise, [exit, boom]),
    ?assertEqual(boom, reason(Monitored, Ref, ?TIMEOUT)),
    {Undef, UndefRef} = spawn_monitor(Java, java_peer, nope, [a]),
    ?assertEqual({undef, [{java_peer, nope, [a], []}]}, reason(Undef, UndefRef, ?TIMEOUT)),
    AtOnce = spawn_opt(Java, java_peer, raise, [exit, at_once], [link, {priority, high}]),
    ?assertEqual(at_once, receive {'EXIT', AtOnce, Why2} -> Why2 after ?TIMEOUT -> timeout end).

%% Java processes in a pg group of the default scope: erl's pg:get_members/1 sees them join, and leave as they end.
java_processes_in_pg_groups(Java) ->
    case whereis(pg) of
        undefined -> {ok, _} = pg:start(pg);
        _ -> ok
    end,
    Group = {java_group, make_ref()},
    Members = [spawn(Java, java_peer, member, [Group]) || _ <- [1, 2]],
    await(fun() -> lists:sort(pg:get_members(Group)) =:= lists:sort(Members) end),
    ?assertEqual([], pg:get_local_members(Group)),
    [Member ! done || Member <- Members],
    await(fun() -> pg:get_members(Group) =:= [] end).

%% The erlang functions an operator asks a node, answered by the Java node.
look_inside_the_java_node(Java) ->
    ?assertEqual(Java, erpc:call(Java, erlang, node, [])),
    ?assert(lists:member(node(), erpc:call(Java, erlang, nodes, []))),
    Rex = erpc:call(Java, erlang, whereis, [rex]),
    ?assertEqual(Java, node(Rex)),
    ?assert(lists:member(Rex, erpc:call(Java, erlang, processes, []))),
    ?assert(lists:member(pg, erpc:call(Java, erlang, registered, []))),
    ?assertEqual({registered_name, rex}, erpc:call(Java, erlang, process_info, [Rex, registered_name])),
    ?assertEqual(true, erpc:call(Java, erlang, is_process_alive, [Rex])),
    ?assertMatch({error, {exception, badarg, [{erlang, system_info, [no_such_item], _}]}},
                 catching(fun() -> erpc:call(Java, erlang, system_info, [no_such_item]) end)).

%% ---- the Java node goes down

%% When the Java node stops: {nodedown, Node} for monitor_node/2, and noconnection, once, for every link and
%% monitor to its processes.
nodedown_when_java_stops(Java) ->
    process_flag(trap_exit, true),
    true = monitor_node(Java, true),
    Linked = actor(Java, false),
    Watched = actor(Java, false),
    true = link(Linked),
    Ref = monitor(process, Watched),
    {Victim, VictimRef} = spawn_monitor(fun() -> link(Linked), receive never -> ok end end),
    await_links(Linked, lists:sort([self(), Victim])),
    {java_peer, Java} ! stop,
    ?assertEqual({nodedown, Java}, receive {nodedown, Java} = N -> N after ?TIMEOUT -> timeout end),
    ?assertEqual(noconnection, receive {'EXIT', Linked, Why1} -> Why1 after ?TIMEOUT -> timeout end),
    ?assertEqual(noconnection, receive {'DOWN', Ref, process, Watched, Why2} -> Why2 after ?TIMEOUT -> timeout end),
    ?assertEqual(noconnection, reason(Victim, VictimRef, ?TIMEOUT)),
    ?assertEqual(none, receive Other -> Other after ?QUIET -> none end).

%% ---- gen_server calls into a Java GenServer (dev.beamlink.interop.PeerServer)

%% gen_server:call and cast, from erl, to a Java server by {Name, Node} and by pid.
gen_server_call_and_cast_into_java(Java) ->
    Server = java_server(Java, erl_calls_java),
    ?assertEqual(hi, gen_server:call({erl_calls_java, Java}, {echo, hi})),
    ?assertEqual(0, gen_server:call(Server, count)),
    ok = gen_server:cast({erl_calls_java, Java}, incr),
    ok = gen_server:cast(Server, incr),
    ?assertEqual(2, gen_server:call(Server, count, 5000)),
    %% A name nobody has on the Java node: noproc, as on an erl node.
    ?assertExit({noproc, {gen_server, call, [{nobody, Java}, x]}}, gen_server:call({nobody, Java}, x)).

%% sys:get_state, replace_state (the fun runs back here, on this node), get_status, suspend and resume.
sys_on_a_java_gen_server(Java) ->
    Server = java_server(Java, sys_on_java),
    ok = gen_server:cast(Server, incr),
    ?assertEqual(1, sys:get_state(Server)),
    ?assertEqual(11, sys:replace_state(Server, fun(N) -> N + 10 end)),
    ?assertEqual(11, gen_server:call(Server, count)),
    {status, Server, {module, gen_server}, [_PDict, running, _Parent, [], Misc]} = sys:get_status(Server),
    ?assert(lists:member({data, [{"State", 11}]}, Misc)),
    ok = sys:suspend(Server),
    ?assertExit({timeout, _}, gen_server:call(Server, count, 200)),
    ok = sys:resume(Server),
    ?assertEqual(11, gen_server:call(Server, count)),
    ok = gen_server:stop(Server),
    ?assertNot(is_process_alive_remote(Server)).

%% A crash in the Java server's handle_call reaches the caller as OTP's crashing gen_server does.
a_java_gen_server_crash_as_erl_sees_it(Java) ->
    Server = java_server(Java, crashing_java),
    ?assertExit({{badarith, [_ | _]}, {gen_server, call, [Server, crash]}}, gen_server:call(Server, crash)),
    ?assertNot(is_process_alive_remote(Server)).

java_server(Java, Name) ->
    Ref = make_ref(),
    {java_peer, Java} ! {start_server, self(), Ref, Name},
    receive {Ref, Pid} -> Pid after ?TIMEOUT -> error({no_java_server, Java}) end.

is_process_alive_remote(Pid) ->
    Ref = monitor(process, Pid),
    receive {'DOWN', Ref, process, Pid, _} -> false after ?QUIET -> demonitor(Ref, [flush]), true end.

%% ---- helpers

%% Fun's outcome: {ok, Value} or {Class, Reason}.
catching(Fun) ->
    try {ok, Fun()} catch Class:Reason -> {Class, Reason} end.

%% A new Java process, trapping exits if Trap.
actor(Java, Trap) ->
    Ref = make_ref(),
    {java_peer, Java} ! {spawn, self(), Ref, Trap},
    receive {Ref, Pid} -> Pid after ?TIMEOUT -> error({no_java_peer, Java}) end.

%% The pid of a Java process that has ended.
dead_actor(Java) ->
    Actor = actor(Java, false),
    Ref = monitor(process, Actor),
    tell(Actor, return),
    normal = reason(Actor, Ref, ?TIMEOUT),
    Actor.

%% Runs a command in a Java process: its result, or {dead, Reason} if the process has ended.
call(Actor, Command) ->
    Ref = monitor(process, Actor),
    Actor ! {call, self(), Ref, Command},
    receive
        {Ref, Result} -> demonitor(Ref, [flush]), Result;
        {'DOWN', Ref, process, Actor, Reason} -> {dead, Reason}
    after ?TIMEOUT -> error({no_answer, Actor, Command})
    end.

%% Sends a command that gets no answer (one that ends the process).
tell(Actor, Command) ->
    Actor ! {call, self(), make_ref(), Command},
    ok.

%% The reason Pid ended with (Ref: this process's monitor on it), or alive after Timeout ms.
reason(Pid, Ref, Timeout) ->
    receive {'DOWN', Ref, process, Pid, Why} -> Why after Timeout -> alive end.

%% The messages a Java process kept, once it has Count of them.
await_kept(Actor, Count) ->
    await(fun() -> length(call(Actor, messages)) >= Count end),
    call(Actor, messages).

await_links(Pid, Expected) ->
    await(fun() -> links_of(Pid) =:= Expected end).

links_of(Pid) when node(Pid) =:= node() ->
    {links, Links} = process_info(Pid, links),
    lists:sort(Links);
links_of(Actor) ->
    lists:sort(call(Actor, links)).

await(Condition) ->
    await(Condition, erlang:monotonic_time(millisecond) + ?TIMEOUT).

await(Condition, Deadline) ->
    case Condition() of
        true -> ok;
        false ->
            case erlang:monotonic_time(millisecond) > Deadline of
                true -> error(condition_never_held);
                false -> timer:sleep(10), await(Condition, Deadline)
            end
    end.
