%% A module the launcher's tests compile and load on erl nodes.
-module(adder).
-export([add/2, release/0]).

add(A, B) -> A + B.

release() -> erlang:system_info(otp_release).
