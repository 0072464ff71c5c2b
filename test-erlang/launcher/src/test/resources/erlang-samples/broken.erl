%% Does not compile: the launcher's tests check that the compiler's message reaches Java.
-module(broken).
-export([f/0]).

f() -> undefined_variable.
g( -> ok.
