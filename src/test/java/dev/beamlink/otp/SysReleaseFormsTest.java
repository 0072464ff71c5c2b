package dev.beamlink.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import org.junit.jupiter.api.Test;

/** The two forms of a sys state answer, and the release read from {@code erlang:system_info(otp_release)}. */
class SysReleaseFormsTest {

    @Test
    void readsTheReleaseFromItsCharlist() {
        assertEquals(25, SysReleaseForms.releaseOf(ErlList.ofString("25")));
        assertEquals(27, SysReleaseForms.releaseOf(ErlList.ofString("27")));
    }

    @Test
    void refusesWhatIsNotARelease() {
        for (var term : java.util.List.of(ErlList.ofString(""), ErlList.ofString("R16B"), ErlList.ofString("123456"),
                Atom.of("27"), Int.of(27))) {
            assertThrows(IllegalArgumentException.class, () -> SysReleaseForms.releaseOf(term), term::toString);
        }
    }

    @Test
    void takesTheStateOutOfEitherForm() {
        var state = ErlList.of(Atom.of("one"));
        assertEquals(state, SysReleaseForms.stateIn(state, false));
        assertEquals(state, SysReleaseForms.stateIn(Tuple.of(Atom.of("ok"), state), true));
        assertEquals(Tuple.of(Atom.of("ok"), state), SysReleaseForms.stateIn(Tuple.of(Atom.of("ok"), state), false));
    }

    @Test
    void anOtherAnswerInTheNewerFormIsACaseClauseAsOtp26RaisesIt() {
        var e = assertThrows(ErlangError.class, () -> SysReleaseForms.stateIn(Atom.of("weird"), true));
        assertEquals(Tuple.of(Atom.of("case_clause"), Atom.of("weird")), e.reason());
    }
}
