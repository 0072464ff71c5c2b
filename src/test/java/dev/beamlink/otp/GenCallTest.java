package dev.beamlink.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
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
        Tuple message = Tuple.of(Atom.of("$gen_call"), Tuple.of(CALLER, GenCall.aliasTag(REF)), Atom.of("req"));
        GenCall call = GenCall.of(message).orElseThrow();
        assertEquals(CALLER, call.from());
        assertEquals(Optional.of(REF), GenCall.aliasOf(call.tag()));
        assertEquals(message, call.toMessage());
    }

    @Test
    void tagsWithoutAnAliasAreAnsweredToThePid() {
        assertEquals(Optional.empty(), GenCall.aliasOf(REF));
        assertEquals(Optional.of(REF), GenCall.aliasOf(new ErlList(List.of(GenCall.aliasTag(REF)), Atom.of("x"))));
        assertTrue(GenCall.of(Tuple.of(Atom.of("$gen_cast"), Atom.of("x"))).isEmpty());
        assertTrue(GenCall.of(Atom.of("$gen_call")).isEmpty());
    }
}
