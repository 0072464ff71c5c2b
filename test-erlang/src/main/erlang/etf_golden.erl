%% The golden corpus of beamlink's ETF codec tests (dev.beamlink.etf.LiveCorpusTest).
%%
%% corpus/0 holds the terms, made once per node and kept in persistent_term so that later calls
%% return the very same pids, references and funs. The Java test asks for each term's encodings
%% (term_to_binary/1, /2 with [compressed], {minor_version,0|1|2}), decodes them,
%% re-encodes the value and hands its bytes to check/2, which says whether they decode to the
%% original (=:=) and whether they are byte-identical to term_to_binary(T, [{minor_version,2}]).
-module(etf_golden).
-export([names/0, term/1, encodings/1, check/2, deterministic/1, tags/1, corpus_tags/0, free_fun/2,
         deep_list/1, deep_tuple/1, foreign_pid/0, foreign_ref/0, foreign_port/0]).

-define(KEY, {?MODULE, corpus}).

%% {Name, Term, Deterministic}: Deterministic is false where OTP's bytes depend on more than the term
%% (maps of more than 32 keys are written in the order of OTP's hash array mapped trie; since OTP 26, a map of
%% up to 32 keys puts its atom keys in the order of the atom table, the order the atoms were made in).
corpus() ->
    case persistent_term:get(?KEY, undefined) of
        undefined ->
            Corpus = make_corpus(),
            persistent_term:put(?KEY, Corpus),
            Corpus;
        Corpus ->
            Corpus
    end.

make_corpus() ->
    Port = hd(erlang:ports()),
    [{atom_ascii, hello, true},
     {atom_empty, '', true},
     {atom_quoted, 'hello world', true},
     {atom_latin1, 'caf\x{e9}', true},
     {atom_unicode, '\x{1F600}\x{43F}\x{440}\x{438}\x{432}\x{435}\x{442}', true},
     {atom_255, list_to_atom(lists:duplicate(255, $a)), true},
     {atom_255_unicode, list_to_atom(lists:duplicate(255, 16#1F600)), true},
     {int_0, 0, true},
     {int_255, 255, true},
     {int_256, 256, true},
     {int_minus_1, -1, true},
     {int_2_27, 1 bsl 27, true},
     {int_minus_2_27, -(1 bsl 27), true},
     {int_2_31_minus_1, (1 bsl 31) - 1, true},
     {int_2_31, 1 bsl 31, true},
     {int_minus_2_31, -(1 bsl 31), true},
     {int_minus_2_31_minus_1, -(1 bsl 31) - 1, true},
     {int_2_32, 1 bsl 32, true},
     {int_2_63_minus_1, (1 bsl 63) - 1, true},
     {int_2_63, 1 bsl 63, true},
     {int_minus_2_63, -(1 bsl 63), true},
     {int_2_64, 1 bsl 64, true},
     {int_minus_2_64, -(1 bsl 64), true},
     {int_minus_2_1000, -(1 bsl 1000), true},
     {int_2_2040, 1 bsl 2040, true},
     {int_2_2048, 1 bsl 2048, true},
     {float_zero, 0.0, true},
     {float_minus_zero, -0.0, true},
     {float_one, 1.0, true},
     {float_1e308, 1.0e308, true},
     {float_5e_324, 5.0e-324, true},
     {float_pi, 3.141592653589793, true},
     {binary_empty, <<>>, true},
     {binary_abc, <<"abc">>, true},
     {binary_70000, binary:copy(<<"0123456789">>, 7000), true},
     {bits_1, <<1:1>>, true},
     {bits_2, <<2:2>>, true},
     {bits_3, <<5:3>>, true},
     {bits_4, <<9:4>>, true},
     {bits_5, <<17:5>>, true},
     {bits_6, <<33:6>>, true},
     {bits_7, <<65:7>>, true},
     {bits_15, <<1, 3:7>>, true},
     {tuple_0, {}, true},
     {tuple_2, {ok, 1}, true},
     {tuple_255, list_to_tuple(lists:seq(1, 255)), true},
     {tuple_256, list_to_tuple(lists:seq(1, 256)), true},
     {tuple_70000, list_to_tuple(lists:seq(1, 70000)), true},
     {nil, [], true},
     {string_abc, "abc", true},
     {string_65535, lists:duplicate(65535, $x), true},
     {list_65536_bytes, lists:duplicate(65536, $x), true},
     {list_mixed, [a, 1, 2.5, <<"b">>, "c"], true},
     {list_unicode, [16#1F600, 16#43F], true},
     {improper_1, [1 | 2], true},
     {improper_3, [a, b, c | d], true},
     {improper_tuple_tail, [1, 2 | {x}], true},
     {nested_10000, deep_list(10000), true},
     {nested_tuples_10000, deep_tuple(10000), true},
     {map_0, #{}, true},
     {map_small, #{b => 1, a => 2, 1.0 => x, 2 => y, "s" => [], {t} => <<>>}, atom_keys_in_term_order()},
     {map_32, maps:from_list([{I, I * I} || I <- lists:seq(1, 32)]), true},
     {map_33, maps:from_list([{I, I * I} || I <- lists:seq(1, 33)]), false},
     {map_1000, maps:from_list([{list_to_atom("k" ++ integer_to_list(I)), I} || I <- lists:seq(1, 1000)]), false},
     {map_nested, #{a => #{b => #{c => [1, 2, 3]}}}, true},
     {pid_self, self(), true},
     {pid_foreign, foreign_pid(), true},
     {ref_local, make_ref(), true},
     {ref_foreign, foreign_ref(), true},
     {port_local, Port, true},
     {port_foreign, foreign_port(), true},
     {port_v4, binary_to_term(<<131, 120, 119, 7, "v4@host", 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 9>>), true},
     {fun_local, free_fun(42, <<"free">>), true},
     {fun_no_free, fun ?MODULE:names/0, true},
     {fun_local_no_free, fun() -> ok end, true},
     {fun_external, fun lists:map/2, true},
     {fun_external_unicode, fun '\x{43F}':'\x{440}'/3, true},
     {mixed_message, {hello, <<"payload-0123456789">>, 42, [1, 2, 3]}, true},
     {everything, {[self(), make_ref(), Port], #{k => {1.5, -7, <<1:3>>}}, "str", [x | y]}, true}].

names() -> [Name || {Name, _, _} <- corpus()].

%% Whether a small map (up to 32 keys) holds its atom keys in term order, as OTP 25 does (OTP 26 orders them by
%% their index in the atom table).
atom_keys_in_term_order() ->
    list_to_integer(erlang:system_info(otp_release)) < 26.

term(Name) -> element(2, lists:keyfind(Name, 1, corpus())).

deterministic(Name) -> element(3, lists:keyfind(Name, 1, corpus())).

encodings(Name) ->
    T = term(Name),
    [{default, term_to_binary(T)},
     {compressed, term_to_binary(T, [compressed])},
     {minor_version_0, term_to_binary(T, [{minor_version, 0}])},
     {minor_version_1, term_to_binary(T, [{minor_version, 1}])},
     {minor_version_2, term_to_binary(T, [{minor_version, 2}])}].

%% {Equal, Identical}: JavaBytes decode to the original term (=:=), and are the bytes of
%% term_to_binary(T, [{minor_version,2}]) (or of [compressed] when Compressed is true).
check(Name, JavaBytes) ->
    T = term(Name),
    Equal = try binary_to_term(JavaBytes) =:= T catch error:badarg -> badarg end,
    Identical = JavaBytes =:= term_to_binary(T, [{minor_version, 2}])
        orelse JavaBytes =:= term_to_binary(T, [compressed, {minor_version, 2}]),
    {Equal, Identical}.

%% A local fun of this module with two free variables.
free_fun(X, Y) -> fun(Z) -> {X, Y, Z} end.

deep_list(0) -> [];
deep_list(N) -> [deep_list(N - 1)].

deep_tuple(0) -> leaf;
deep_tuple(N) -> {deep_tuple(N - 1)}.

%% A pid, reference and port of a node that does not exist, with a creation above 2^31.
foreign_pid() ->
    binary_to_term(<<131, 88, 119, 12, "foreign@host", 0, 0, 0, 77, 0, 0, 0, 3, 16#80, 0, 0, 5>>).

foreign_ref() ->
    binary_to_term(<<131, 90, 0, 3, 119, 12, "foreign@host", 16#F0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3>>).

foreign_port() ->
    binary_to_term(<<131, 89, 119, 12, "foreign@host", 0, 0, 0, 99, 16#80, 0, 0, 7>>).

%% The tags that occur in an external term (after the version byte), decompressing it first.
tags(<<131, 80, _Size:32, Z/binary>>) ->
    lists:usort([80 | tags(<<131, (zlib:uncompress(Z))/binary>>)]);
tags(<<131, Rest/binary>>) ->
    {Tags, <<>>} = walk(Rest, []),
    lists:usort(Tags).

%% Every tag the golden corpus produces through encodings/1.
corpus_tags() ->
    lists:usort(lists:append([tags(B) || Name <- names(), {_, B} <- encodings(Name)])).

walk(<<97, _, R/binary>>, A) -> {[97 | A], R};
walk(<<98, _:32, R/binary>>, A) -> {[98 | A], R};
walk(<<99, _:31/binary, R/binary>>, A) -> {[99 | A], R};
walk(<<70, _:64, R/binary>>, A) -> {[70 | A], R};
walk(<<T, N, _:N/binary, R/binary>>, A) when T =:= 119; T =:= 115 -> {[T | A], R};
walk(<<T, N:16, _:N/binary, R/binary>>, A) when T =:= 118; T =:= 100 -> {[T | A], R};
walk(<<104, N, R/binary>>, A) -> walk_n(N, R, [104 | A]);
walk(<<105, N:32, R/binary>>, A) -> walk_n(N, R, [105 | A]);
walk(<<106, R/binary>>, A) -> {[106 | A], R};
walk(<<107, N:16, _:N/binary, R/binary>>, A) -> {[107 | A], R};
walk(<<108, N:32, R/binary>>, A) -> walk_n(N + 1, R, [108 | A]);
walk(<<109, N:32, _:N/binary, R/binary>>, A) -> {[109 | A], R};
walk(<<77, N:32, _, _:N/binary, R/binary>>, A) -> {[77 | A], R};
walk(<<110, N, _, _:N/binary, R/binary>>, A) -> {[110 | A], R};
walk(<<111, N:32, _, _:N/binary, R/binary>>, A) -> {[111 | A], R};
walk(<<116, N:32, R/binary>>, A) -> walk_n(2 * N, R, [116 | A]);
walk(<<T, R/binary>>, A) when T =:= 88; T =:= 103 ->
    {A1, <<_:64, R1/binary>>} = walk(R, [T | A]),
    {A1, skip(R1, if T =:= 88 -> 4; true -> 1 end)};
walk(<<T, R/binary>>, A) when T =:= 89; T =:= 102; T =:= 120 ->
    {A1, R1} = walk(R, [T | A]),
    {A1, skip(R1, case T of 89 -> 8; 102 -> 5; 120 -> 12 end)};
walk(<<90, N:16, R/binary>>, A) ->
    {A1, R1} = walk(R, [90 | A]),
    {A1, skip(R1, 4 + 4 * N)};
walk(<<114, N:16, R/binary>>, A) ->
    {A1, R1} = walk(R, [114 | A]),
    {A1, skip(R1, 1 + 4 * N)};
walk(<<101, R/binary>>, A) ->
    {A1, R1} = walk(R, [101 | A]),
    {A1, skip(R1, 5)};
walk(<<113, R/binary>>, A) -> walk_n(3, R, [113 | A]);
walk(<<112, _Size:32, _Arity, _Uniq:16/binary, _Index:32, NumFree:32, R/binary>>, A) ->
    walk_n(4 + NumFree, R, [112 | A]).

walk_n(0, R, A) -> {A, R};
walk_n(N, R, A) ->
    {A1, R1} = walk(R, A),
    walk_n(N - 1, R1, A1).

skip(Bin, N) ->
    <<_:N/binary, R/binary>> = Bin,
    R.
