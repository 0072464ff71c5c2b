%% The kit's tests load this on erl nodes: a registered process that answers {From, Message} with {echo, Message}.
-module(kit_echo).
-export([start/0]).

start() ->
    Pid = spawn(fun loop/0),
    register(kit_echo, Pid),
    Pid.

loop() ->
    receive
        {From, Message} -> From ! {echo, Message}, loop()
    end.
