%% The README's example module: a registered greeter that answers {From, Name} with {hello, Name}.
-module(greeter).
-export([start/0]).

start() -> register(greeter, spawn(fun loop/0)).

loop() ->
    receive {From, Name} -> From ! {hello, Name}, loop() end.
