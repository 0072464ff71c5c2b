%% The erl side of `bench/run chaos` (dev.beamlink.bench.chaos.ChaosBench): processes that churn links and monitors
%% with processes of a Java node while the bench kills, freezes and disconnects the erl nodes, and count what fires.
%%
%% target/0       a process a Java holder spawns here, links to and/or monitors, then ends: it waits for
%%                {go, Reason, Delay} and exits with Reason after Delay ms (Delay infinity: it waits 30 s for
%%                the holder's exit/2). Without a go within 30 s it ends with no_go.
%% start/3        starts Count holders here: each traps exits, asks the Java node's registered chaos_spawner for Java
%%                processes, links to and/or monitors them, and has them end (their own exit/1 with a reason it
%%                picks, or its exit/2), checking that each link ends in exactly one 'EXIT' and each monitor in
%%                exactly one 'DOWN', with the reason picked or noconnection.
%% stop/0         the holders stop making new links and monitors (and still count what fires).
%% report/0       #{links_made, links_fired, monitors_made, monitors_fired, open, unconfirmed, violations, details}
%%                summed over the holders; open: links and monitors not fired yet; unconfirmed: those that fired
%%                noconnection with no nodedown of the Java node since they were made (a violation at the end).
%% rename/1       gives a node started with -sname another name (net_kernel restarted), so that a node killed by
%%                the bench comes back under its old name.
-module(chaos).
-export([target/0, start/3, stop/0, report/0, rename/1, reasons/0]).
-export([holder/3]).

-define(MAX_OPEN, 16).
-define(MAX_DETAILS, 20).

%% ---------------------------------------------------------------- a process a Java holder ends

target() ->
    receive
        {go, _Reason, infinity} -> receive after 30000 -> exit(no_end) end;
        {go, Reason, Delay} -> receive after Delay -> exit(Reason) end
    after 30000 ->
        exit(no_go)
    end.

%% ---------------------------------------------------------------- holders

start(JavaNode, Count, Seed) ->
    Holders = [spawn(?MODULE, holder, [JavaNode, Seed, I]) || I <- lists:seq(1, Count)],
    persistent_term:put({?MODULE, holders}, Holders),
    ok.

stop() ->
    [H ! stop || H <- holders()],
    ok.

report() ->
    Ref = make_ref(),
    Holders = holders(),
    [H ! {report, self(), Ref} || H <- Holders],
    Reports = [receive {Ref, H, R} -> R after 10000 -> #{violations => 1, details => [{holder_silent, H}]} end
               || H <- Holders],
    Zero = #{links_made => 0, links_fired => 0, monitors_made => 0, monitors_fired => 0, open => 0,
             unconfirmed => 0, violations => 0, details => []},
    lists:foldl(fun(R, Acc) ->
                        maps:map(fun(details, D) -> lists:sublist(D ++ maps:get(details, R, []), ?MAX_DETAILS);
                                    (K, V) -> V + maps:get(K, R, 0)
                                 end, Acc)
                end, Zero, Reports).

holders() ->
    persistent_term:get({?MODULE, holders}, []).

rename(Name) ->
    case lists:keymember(net_sup, 1, supervisor:which_children(kernel_sup)) of
        true -> %% the distribution -sname started; after a failed attempt it is gone already
            ok = supervisor:terminate_child(kernel_sup, net_sup),
            ok = supervisor:delete_child(kernel_sup, net_sup);
        false ->
            ok
    end,
    {ok, _} = net_kernel:start(Name, #{name_domain => shortnames}),
    ok.

%% The reasons a process is ended with; kill through exit/2 arrives as killed.
reasons() ->
    [normal, shutdown, kill, boom, {shutdown, chaos}, {chaos, 1}, {chaos, [1, 2, 3], <<"why">>}].

holder(JavaNode, Seed, I) ->
    process_flag(trap_exit, true),
    ok = net_kernel:monitor_nodes(true),
    rand:seed(exsss, {Seed, I, erlang:unique_integer([positive])}),
    loop(#{java => JavaNode, churn => true, open => #{}, fired => #{}, lost => 0, nodedowns => 0, unconfirmed => [],
           links_made => 0, links_fired => 0, monitors_made => 0, monitors_fired => 0,
           violations => 0, details => []}).

loop(#{churn := Churn, open := Open} = S) ->
    S1 = case Churn andalso map_size(Open) < ?MAX_OPEN of
             true -> churn(S);
             false -> S
         end,
    receive
        Message -> loop(handle(Message, S1))
    after rand:uniform(50) ->
        loop(S1)
    end.

%% Asks the Java node for a process, links to it and/or monitors it, and tells it (or schedules) how it ends.
churn(#{java := Java} = S) ->
    Ref = make_ref(),
    {chaos_spawner, Java} ! {spawn_target, self(), Ref},
    receive
        {Ref, Target} -> watch(Target, S)
    after 2000 ->
        S
    end.

watch(Target, #{open := Open} = S) ->
    Reason = pick(reasons()),
    {Ending, Expected} = case rand:uniform(3) of
                             1 when Reason =/= normal ->
                                 Delay = rand:uniform(2000),
                                 erlang:send_after(Delay, self(), {end_it, Target, Reason}),
                                 {infinity, case Reason of kill -> killed; _ -> Reason end};
                             _ ->
                                 {rand:uniform(2000) - 1, Reason}
                         end,
    {Open1, S1} = case rand:uniform(3) of
                      1 -> add_link(Target, Expected, Open, S);
                      2 -> add_monitor(Target, Expected, Open, S);
                      3 -> {O, S0} = add_link(Target, Expected, Open, S), add_monitor(Target, Expected, O, S0)
                  end,
    Target ! {go, Reason, Ending},
    S1#{open := Open1}.

%% An open entry keeps the reason expected, how many losses (nodedowns, and links and monitors fired noconnection)
%% this holder had seen when it was made: a link or monitor made after a loss may find its process ended by that loss
%% (noproc); and how many nodedowns: one that fires noconnection needs a nodedown after it was made (checked at the
%% report, as the nodedown may come a little after).
add_link(Target, Expected, Open, #{links_made := N} = S) ->
    true = link(Target),
    {Open#{{link, Target} => entry(Expected, S)}, S#{links_made := N + 1}}.

add_monitor(Target, Expected, Open, #{monitors_made := N} = S) ->
    Ref = erlang:monitor(process, Target),
    {Open#{{monitor, Ref} => entry(Expected, S)}, S#{monitors_made := N + 1}}.

entry(Expected, #{lost := Lost, nodedowns := Downs}) ->
    {Expected, Lost, Downs}.

handle({'EXIT', From, Reason}, #{links_fired := N} = S) ->
    fired({link, From}, Reason, S#{links_fired := N + 1});
handle({'DOWN', Ref, process, _, Reason}, #{monitors_fired := N} = S) ->
    fired({monitor, Ref}, Reason, S#{monitors_fired := N + 1});
handle({end_it, Target, Reason}, S) ->
    exit(Target, Reason),
    S;
handle({nodedown, Java}, #{java := Java, lost := Lost, nodedowns := Downs} = S) ->
    S#{lost := Lost + 1, nodedowns := Downs + 1};
handle({nodedown, _}, S) ->
    S;
handle({nodeup, _}, S) ->
    S;
handle(stop, S) ->
    S#{churn := false};
handle({report, From, Ref}, #{open := Open, nodedowns := Downs, unconfirmed := Unconfirmed} = S) ->
    Still = [U || {_, DownsBefore} = U <- Unconfirmed, DownsBefore =:= Downs],
    Counts = maps:with([links_made, links_fired, monitors_made, monitors_fired, violations, details], S),
    From ! {Ref, self(), Counts#{open => map_size(Open), unconfirmed => length(Still),
                                 details := lists:sublist(maps:get(details, Counts) ++
                                                          [{noconnection_without_nodedown, K} || {K, _} <- Still],
                                                          ?MAX_DETAILS)}},
    S#{unconfirmed := Still};
handle({_Ref, Target}, S) when is_pid(Target) ->
    %% a spawner's answer after its time-out: nobody watches that process, which ends with no_go
    S;
handle(Other, S) ->
    violation({unexpected_message, Other}, S).

fired(Key, Reason, #{open := Open, fired := Fired, lost := Lost, nodedowns := Downs, unconfirmed := U} = S) ->
    case maps:take(Key, Open) of
        {{Expected, LostBefore, DownsBefore}, Open1} ->
            S1 = case Reason of
                     noconnection when Downs =:= DownsBefore ->
                         S#{lost := Lost + 1, unconfirmed := [{Key, DownsBefore} | U]};
                     noconnection -> S#{lost := Lost + 1};
                     _ -> S
                 end#{open := Open1, fired := Fired#{Key => Reason}},
            case Reason =:= Expected orelse Reason =:= noconnection
                 orelse (Reason =:= noproc andalso Lost > LostBefore) of
                true -> S1;
                false -> violation({wrong_reason, Key, {expected, Expected}, {got, Reason}}, S1)
            end;
        error ->
            case maps:find(Key, Fired) of
                {ok, First} -> violation({fired_twice, Key, First, Reason}, S);
                error -> violation({fired_unknown, Key, Reason}, S)
            end
    end.

violation(What, #{violations := N, details := D} = S) ->
    S#{violations := N + 1, details := lists:sublist(D ++ [What], ?MAX_DETAILS)}.

pick(List) ->
    lists:nth(rand:uniform(length(List)), List).
