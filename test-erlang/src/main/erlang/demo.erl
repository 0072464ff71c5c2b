%% The Erlang side of `make demo` (dev.beamlink.demo.Demo): a worker that crashes, a registered server, and a
%% watcher that prints the DOWN it gets on erl's own standard output.
-module(demo).
-export([worker/0, server/0, watch/1]).

%% Waits for a division to do, and does it: {divide, 1, 0} crashes it with badarith.
worker() ->
    receive {divide, X, Y} -> X div Y end.

%% Waits until told to stop, then ends normally.
server() ->
    receive stop -> ok end.

%% Monitors Target (a pid or {Name, Node}), tells it so, and prints the DOWN it gets.
watch(Target) ->
    spawn(fun() ->
                  Ref = monitor(process, Target),
                  Target ! {watching, self()},
                  receive {'DOWN', Ref, process, _, _} = Down -> io:format(user, "~w~n", [Down]) end
          end).
