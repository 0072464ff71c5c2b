%% Erlang side of `bench/run otp` (dev.beamlink.bench.otp.OtpBench): the gen_server the callers call, and the callers.
-module(otp_bench).
-behaviour(gen_server).
-export([start_server/1, callers/3]).
-export([init/1, handle_call/3, handle_cast/2]).

%% A gen_server registered as Name that answers every call with its request.
start_server(Name) ->
    {ok, _} = gen_server:start({local, Name}, ?MODULE, [], []),
    ok.

init([]) -> {ok, 0}.
handle_call(Request, _From, Count) -> {reply, Request, Count + 1}.
handle_cast(_Request, Count) -> {noreply, Count}.

%% Callers processes, each making N calls to Server one after the other; {return the microseconds from the first call
%% to the last reply of all}.
callers(Server, Callers, N) ->
    Self = self(),
    Request = {hello, <<"payload-0123456789">>, 42},
    Start = erlang:monotonic_time(microsecond),
    Pids = [spawn_link(fun() -> [Request = gen_server:call(Server, Request, infinity) || _ <- lists:seq(1, N)],
                                 Self ! {done, self()} end) || _ <- lists:seq(1, Callers)],
    [receive {done, P} -> ok end || P <- Pids],
    erlang:monotonic_time(microsecond) - Start.
