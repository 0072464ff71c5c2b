%% An erl supervisor whose child is a Java process: the child spec's start function spawns it on the Java node with
%% spawn_link/4 (a SPAWN_REQUEST with the link option: the child is linked to the supervisor from its first moment,
%% and cannot end unlinked) and waits for its {ack, Pid, Return}, as proc_lib's start functions do for a local child.
%% On the Java side, GenServer.run makes the spawned process the server and sends that acknowledgement.
%%
%%   {ok, Sup} = java_child:start_sup(JavaNode, {java_counter, start_link, []}),
%%   [{java, Pid, worker, _}] = supervisor:which_children(Sup).
-module(java_child).
-behaviour(supervisor).
-export([start_sup/2, start_link/4, child/1, init/1]).

-define(ACK_TIMEOUT, 10000).

%% A supervisor (one_for_one, at most 5 restarts in 10 s) of one permanent Java child; not linked to the caller.
start_sup(JavaNode, MFA) ->
    {ok, Sup} = supervisor:start_link(?MODULE, {JavaNode, MFA}),
    unlink(Sup),
    {ok, Sup}.

init({JavaNode, {M, F, A}}) ->
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10},
          [#{id => java, start => {?MODULE, start_link, [JavaNode, M, F, A]}, restart => permanent,
             shutdown => 5000, type => worker}]}}.

%% proc_lib's start protocol for a process on another node.
start_link(Node, M, F, A) ->
    Pid = spawn_link(Node, M, F, A),
    receive
        {ack, Pid, Return} -> Return;
        {'EXIT', Pid, Reason} -> {error, Reason}
    after ?ACK_TIMEOUT ->
            unlink(Pid),
            exit(Pid, kill),
            {error, timeout}
    end.

%% The supervisor's child now: its pid, or undefined while it restarts.
child(Sup) ->
    case supervisor:which_children(Sup) of
        [{java, Pid, worker, _}] when is_pid(Pid) -> Pid;
        _ -> undefined
    end.
