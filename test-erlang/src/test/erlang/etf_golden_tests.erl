%% EUnit tests of the golden corpus generator (run by `make erlang-test`).
-module(etf_golden_tests).
-include_lib("eunit/include/eunit.hrl").

%% Every tag that term_to_binary can write on OTP 25 occurs in the corpus's encodings. The deprecated
%% tags OTP 25 no longer writes (SMALL_ATOM_EXT, PID_EXT, PORT_EXT, REFERENCE_EXT, NEW_REFERENCE_EXT)
%% and ATOM_CACHE_REF are covered by the Java golden vectors, which binary_to_term_accepts_... checks.
corpus_covers_every_tag_term_to_binary_writes_test_() ->
    {timeout, 120, fun() ->
        Written = [70, 77, 80, 88, 89, 90, 97, 98, 99, 100, 104, 105, 106, 107, 108, 109, 110, 111,
                   112, 113, 116, 118, 119, 120],
        Tags = etf_golden:corpus_tags(),
        ?assertEqual([], Written -- Tags)
    end}.

%% The corpus term encodes to the tags it is named for.
tags_of_known_terms_test() ->
    ?assertEqual([97], etf_golden:tags(term_to_binary(1))),
    ?assertEqual([104, 106, 107, 119], etf_golden:tags(term_to_binary({ok, "a", []}, [{minor_version, 2}]))),
    ?assertEqual([80, 106, 108, 119], etf_golden:tags(term_to_binary(lists:duplicate(100, a), [compressed, {minor_version, 2}]))).

%% The deprecated encodings that the Java golden vectors carry decode on OTP to what they claim.
deprecated_tags_decode_test() ->
    ?assertEqual('caf\x{e9}', binary_to_term(<<131, 115, 4, "caf", 16#e9>>)),
    Pid = binary_to_term(<<131, 103, 100, 0, 3, "a@b", 0, 0, 0, 1, 0, 0, 0, 2, 3>>),
    ?assertEqual(Pid, binary_to_term(<<131, 88, 100, 0, 3, "a@b", 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3>>)),
    Ref = binary_to_term(<<131, 101, 100, 0, 3, "a@b", 0, 0, 0, 7, 2>>),
    ?assertEqual(Ref, binary_to_term(<<131, 114, 0, 1, 100, 0, 3, "a@b", 2, 0, 0, 0, 7>>)),
    ?assertEqual(1.5, binary_to_term(term_to_binary(1.5, [{minor_version, 0}]))).

%% Local funs of the corpus carry their free variables.
free_fun_test() ->
    F = etf_golden:free_fun(1, 2),
    ?assertEqual({1, 2, 3}, F(3)),
    ?assertEqual({env, [1, 2]}, erlang:fun_info(F, env)).

%% The same pids and references come back on every call: check/2 compares against them.
corpus_is_stable_test() ->
    ?assertEqual(etf_golden:term(ref_local), etf_golden:term(ref_local)),
    ?assertEqual({true, true}, etf_golden:check(int_2_64, term_to_binary(1 bsl 64, [{minor_version, 2}]))).
