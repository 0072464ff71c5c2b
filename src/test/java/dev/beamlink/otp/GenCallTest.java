package dev.beamlink.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gen:call message and its tags, as OTP 25's gen.erl makes and answers them. */
class GenCallTest {

    private static final Pid CALLER = new Pid(Atom.of("erl@h"), 1, 0, 1);
    private static final Ref REF = new Ref(Atom.of("erl@h"), 1, new int[] {1, 2, 3});

    @Test
    void readsACallWithAnAliasTag() {
        Tuple message = Tuple.of(Atom.of("$gen_call"), Tuple.of(CALLER, From.aliasTag(REF)), Atom.of("req"));
        GenCall call = GenCall.of(message).orElseThrow();
        assertEquals(CALLER, call.from().pid());
        assertEquals(Optional.of(REF), call.from().alias());
        assertEquals(message, call.toTuple(new dev.beamlink.etf.mapping.TermMapper()));
    }

    @Test
    void readsASystemRequestOnlyWithItsLabel() {
        Tuple message = Tuple.of(Atom.of("system"), Tuple.of(CALLER, REF), Atom.of("get_state"));
        assertTrue(GenCall.of(message).isEmpty());
        assertEquals(Atom.of("get_state"), GenCall.of(message, GenCall.SYSTEM).orElseThrow().request());
    }

    @Test
    void tagsWithoutAnAliasAreAnsweredToThePid() {
        assertEquals(Optional.empty(), new From(CALLER, REF).alias());
        assertEquals(Optional.of(REF), new From(CALLER, new ErlList(List.of(From.aliasTag(REF)), Atom.of("x"))).alias());
        assertTrue(GenCall.of(Tuple.of(Atom.of("$gen_cast"), Atom.of("x"))).isEmpty());
        assertTrue(GenCall.of(Atom.of("$gen_call")).isEmpty());
    }

    @Test
    void aTagOfAnyDepthIsReadInTwoStepsAtMost() {
        Term deep = From.aliasTag(REF);
        for (int i = 0; i < 200_000; i++) {
            deep = new ErlList(List.of(deep), Atom.of("x"));
        }
        assertEquals(Optional.empty(), new From(CALLER, deep).alias(), "only [alias|A] and [[alias|A]|_] are aliases");
    }
}
