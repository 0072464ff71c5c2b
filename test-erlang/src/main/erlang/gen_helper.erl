%% Erlang side of the gen_server interop tests (dev.beamlink.otp): an OTP gen_server whose calls behave as the
%% Java test server's do, and helpers that make a call from erl and report what OTP gives, so that every scenario can
%% be run under OTP's gen_server and under beamlink's and the outcomes compared.
-module(gen_helper).
-behaviour(gen_server).
-export([start/1, restart/1, start_global/1, outcome/2, outcome/3, cast/2, async/2, late_reply_dropped/2,
         get_state/1, replace_state/2, get_status/1, suspend_resume/1, stop/2]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

%% Starts the erl twin of the Java test server, registered as Name; its state is a list of what it was cast.
start(Name) ->
    {ok, Pid} = gen_server:start({local, Name}, ?MODULE, [], []),
    Pid.

%% Stops the server registered as Name, if any, and starts a fresh one.
restart(Name) ->
    case whereis(Name) of
        undefined -> ok;
        Old -> gen_server:stop(Old)
    end,
    start(Name).

start_global(Name) ->
    {ok, Pid} = gen_server:start({global, Name}, ?MODULE, [], []),
    Pid.

init([]) ->
    {ok, []}.

handle_call({echo, X}, _From, State) ->
    {reply, X, State};
handle_call(state, _From, State) ->
    {reply, State, State};
handle_call({slow, Millis}, _From, State) ->
    timer:sleep(Millis),
    {reply, late, State};
handle_call({later, Millis}, From, State) ->
    spawn(fun() -> timer:sleep(Millis), gen_server:reply(From, later) end),
    {noreply, State};
handle_call(crash, _From, State) ->
    {reply, 1 div zero(), State};
handle_call({stop, Reason}, _From, State) ->
    {stop, Reason, stopped, State}.

handle_cast(X, State) ->
    {noreply, [X | State]}.

handle_info(_Info, State) ->
    {noreply, State}.

terminate(_Reason, _State) ->
    ok.

zero() -> 0.

%% What a call from erl gives: {ok, Reply} or {exit, Reason}, the stack of a crash cut to its first frame's MFA so
%% that the Java and erl servers' crashes compare.
outcome(Server, Request) ->
    try gen_server:call(Server, Request) of
        Reply -> {ok, Reply}
    catch
        exit:Reason -> {exit, shape(Reason)}
    end.

outcome(Server, Request, Timeout) ->
    try gen_server:call(Server, Request, Timeout) of
        Reply -> {ok, Reply}
    catch
        exit:Reason -> {exit, shape(Reason)}
    end.

%% A crash's stack differs between nodes; what must be equal is its shape: {{Error, [Frame|_]}, {gen_server, call, Args}}.
shape({{Error, [_ | _]}, {gen_server, call, Args}}) when is_list(Args) -> {{Error, stack}, {gen_server, call, Args}};
shape(Reason) -> Reason.

cast(Server, Request) ->
    gen_server:cast(Server, Request).

%% send_request, then receive_response: {reply, R} | {error, {Reason, Server}} | timeout.
async(Server, Request) ->
    ReqId = gen_server:send_request(Server, Request),
    gen_server:receive_response(ReqId, 5000).

%% A call that times out, then the late reply: {exit, timeout-reason, LeftInMailbox}. OTP 24+ drops the late reply.
late_reply_dropped(Server, Millis) ->
    Outcome = outcome(Server, {later, Millis}, Millis div 4),
    timer:sleep(Millis * 2),
    {messages, Left} = process_info(self(), messages),
    {Outcome, Left}.

get_state(Server) ->
    sys:get_state(Server).

replace_state(Server, Add) ->
    sys:replace_state(Server, fun(S) -> [Add | S] end).

get_status(Server) ->
    sys:get_status(Server).

%% Suspends the server, checks that a call then times out, resumes it and calls again.
suspend_resume(Server) ->
    ok = sys:suspend(Server),
    While = outcome(Server, {echo, suspended}, 300),
    ok = sys:resume(Server),
    After = outcome(Server, {echo, resumed}),
    {While, After}.

stop(Server, Reason) ->
    try gen_server:stop(Server, Reason, 5000) of
        ok -> ok
    catch
        exit:Why -> {exit, Why}
    end.
