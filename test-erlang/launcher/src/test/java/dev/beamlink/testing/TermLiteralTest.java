package dev.beamlink.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link TermLiteral} on a live erl node: the literal of a term's external format evaluates to that very term (the
 * same bytes back), pids and references too, and it binds no variable, so the same literal evaluates twice.
 */
@Tag("interop")
class TermLiteralTest {

    @Test
    void theLiteralOfATermsBytesEvaluatesToTheSameTermTwice() {
        try (Epmd epmd = Epmd.start(); ErlNode erl = ErlNode.builder().name("literal").epmd(epmd).start()) {
            for (String term : List.of("42.", "{ok, [1, 2.5, <<\"caf\\303\\251\">>], #{a => 'b c'}}.", "self().",
                    "make_ref().", "[].")) {
                byte[] etf = erl.eval(term).etf();
                String literal = TermLiteral.of(etf);
                assertArrayEquals(etf, erl.eval(literal + ".").etf(), literal);
                assertArrayEquals(etf, erl.eval(literal + ".").etf(), "again: " + literal);
            }
        }
    }

    @Test
    void theLiteralIsBinaryToTermOfTheBytes() {
        // term_to_binary(42) = <<131,97,42>>
        assertEquals("binary_to_term(<<131,97,42>>)", TermLiteral.of(new byte[] {(byte) 131, 97, 42}));
        assertEquals(":erlang.binary_to_term(<<131,106>>)", TermLiteral.elixir(new byte[] {(byte) 131, 106}));
    }
}
