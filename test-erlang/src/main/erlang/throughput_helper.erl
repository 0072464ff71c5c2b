%% Erlang side of the throughput interop tests (dev.beamlink.dist): atoms checked through the atom cache, and large
%% messages that must not hold up small ones (fragments).
-module(throughput_helper).
-export([atoms/2, start_atom_checker/1, start_collector/2, small_flow/1, big_send/2]).

%% The atoms a_Batch_1 .. a_Batch_N.
atoms(Batch, N) ->
    [list_to_atom("a_" ++ integer_to_list(Batch) ++ "_" ++ integer_to_list(I)) || I <- lists:seq(1, N)].

%% Registers Name: {From, Batch, N, Atoms} is answered {ok | bad, Batch, atoms(Batch, N)}: ok when Atoms is exactly
%% that list, so both directions carry many atoms.
start_atom_checker(Name) ->
    register(Name, spawn(fun atom_checker/0)),
    ok.

atom_checker() ->
    receive
        {From, Batch, N, Atoms} ->
            Expected = atoms(Batch, N),
            Verdict = case Atoms =:= Expected of true -> ok; false -> bad end,
            From ! {Verdict, Batch, Expected},
            atom_checker()
    end.

%% Registers Name as a collector of one flow: {small, I} messages (expected 1, 2, ... in order), a marker, one big
%% binary, and {done, Count} after the last small one. Once it has all, it sends ReportTo
%% {collected, Before, Between, MaxBetween, After, InOrder, Size, Md5}: the small messages before the marker,
%% between the marker and the big binary (and the highest index among those), and after it.
start_collector(Name, ReportTo) ->
    register(Name, spawn(fun() -> collect(ReportTo, before, 1, {0, 0, 0, 0}, true, none, none) end)),
    ok.

collect(ReportTo, _Phase, _Next, {B, M, Max, A}, InOrder, {Size, Md5}, Count) when is_integer(Count), B + M + A =:= Count ->
    ReportTo ! {collected, B, M, Max, A, InOrder, Size, Md5};
collect(ReportTo, Phase, Next, Counts = {B, M, Max, A}, InOrder, Big, Count) ->
    receive
        {small, I} ->
            Counts1 = case Phase of
                          before -> {B + 1, M, Max, A};
                          between -> {B, M + 1, max(Max, I), A};
                          'after' -> {B, M, Max, A + 1}
                      end,
            collect(ReportTo, Phase, I + 1, Counts1, InOrder andalso I =:= Next, Big, Count);
        marker ->
            collect(ReportTo, between, Next, Counts, InOrder, Big, Count);
        {done, N} ->
            collect(ReportTo, Phase, Next, Counts, InOrder, Big, N);
        Bin when is_binary(Bin) ->
            collect(ReportTo, 'after', Next, Counts, InOrder, {byte_size(Bin), erlang:md5(Bin)}, Count)
    end.

%% Starts a process that sends {small, 1}, {small, 2}, ... to To as fast as it can until it gets stop, then
%% {done, Count}.
small_flow(To) ->
    spawn(fun() -> small_loop(To, 1) end).

small_loop(To, I) ->
    receive
        stop -> To ! {done, I - 1}
    after 0 ->
        To ! {small, I},
        small_loop(To, I + 1)
    end.

%% Sends To a marker, then a binary of Size random bytes; returns the binary's md5.
big_send(To, Size) ->
    Bin = crypto:strong_rand_bytes(Size),
    To ! marker,
    To ! Bin,
    erlang:md5(Bin).
