%% The five-process scenario of the lesson seed (shared/seeds/004_*.txt), run on a live node so that
%% the Java runtime's outcome can be compared with BEAM's (dev.beamlink.node.FiveProcessScenarioTest).
%%
%% Topology: three workers W1, W2, W3 and two system processes S4, S5 that trap exits.
%% W2 is linked to W1 and S4; S4 is linked to W3 and S5. W2 then ends in one of four ways:
%%   normal           it returns
%%   reason           exit(some_reason)
%%   killed           exit(W2, kill) from outside
%%   exit_kill        exit(kill) of its own
%% run(How) returns the outcome as one flat string, pids replaced by the processes' names:
%%   "w1=alive[] w2=dead(normal) w3=alive[] s4=alive[{'EXIT',w2,normal}] s5=alive[]"
%% (each live process with the messages it received, each dead one with its exit reason).
-module(five_process_scenario).
-export([run/1, member/1]).

-define(SETTLE_MS, 500).

run(How) ->
    Names = [w1, w2, w3, s4, s5],
    Pids = [spawn(fun() -> member(trap(Name)) end) || Name <- Names],
    ByName = maps:from_list(lists:zip(Names, Pids)),
    Monitors = maps:from_list([{Name, monitor(process, maps:get(Name, ByName))} || Name <- Names]),
    link_up(ByName, w2, [w1, s4]),
    link_up(ByName, s4, [w3, s5]),
    W2 = maps:get(w2, ByName),
    case How of
        normal -> W2 ! {finish, normal};
        reason -> W2 ! {finish, {exit, some_reason}};
        killed -> exit(W2, kill);
        exit_kill -> W2 ! {finish, {exit, kill}}
    end,
    receive {'DOWN', _, process, W2, _} = Down -> self() ! Down end,
    timer:sleep(?SETTLE_MS),
    Rename = maps:from_list(lists:zip(Pids, Names)),
    Parts = [outcome(Name, maps:get(Name, ByName), maps:get(Name, Monitors), Rename) || Name <- Names],
    lists:flatten(lists:join(" ", Parts)).

trap(Name) -> Name =:= s4 orelse Name =:= s5.

%% A member of the scenario: sets trap_exit, links when told, keeps every other message it gets. Exported so that
%% a Java driver can start members on this node (the scenario split across a Java node and an erl node).
member(Trap) ->
    process_flag(trap_exit, Trap),
    loop([]).

loop(Got) ->
    receive
        {link_to, Pids, From} ->
            [link(P) || P <- Pids],
            From ! {linked, self()},
            loop(Got);
        {report, From} ->
            From ! {report, self(), lists:reverse(Got)},
            loop(Got);
        {finish, normal} -> ok;
        {finish, {exit, Reason}} -> exit(Reason);
        Other -> loop([Other | Got])
    end.

link_up(ByName, Name, Peers) ->
    Pid = maps:get(Name, ByName),
    Pid ! {link_to, [maps:get(P, ByName) || P <- Peers], self()},
    receive {linked, Pid} -> ok end.

outcome(Name, Pid, Ref, Rename) ->
    receive
        {'DOWN', Ref, process, Pid, Reason} ->
            io_lib:format("~s=dead(~s)", [Name, flat(rename(Reason, Rename))])
    after 0 ->
        Pid ! {report, self()},
        receive
            {report, Pid, Got} -> io_lib:format("~s=alive~s", [Name, flat(rename(Got, Rename))]);
            {'DOWN', Ref, process, Pid, Reason} -> io_lib:format("~s=dead(~s)", [Name, flat(rename(Reason, Rename))])
        end
    end.

flat(Term) -> lists:flatten(io_lib:format("~w", [Term])).

rename(Pid, Rename) when is_pid(Pid) -> maps:get(Pid, Rename, Pid);
rename(T, Rename) when is_tuple(T) -> list_to_tuple(rename(tuple_to_list(T), Rename));
rename([H | T], Rename) -> [rename(H, Rename) | rename(T, Rename)];
rename(Other, _) -> Other.
