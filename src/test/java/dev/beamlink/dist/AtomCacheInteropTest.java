package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The atom cache with a live erl, both ways: messages of 300 distinct atoms (more than one distribution header
 * references), 3,600 atoms in all (more than the cache's 2,048 entries, so entries are replaced), twice over.
 */
@Tag("interop")
class AtomCacheInteropTest extends WireFixture {

    private static final int PER_MESSAGE = 300;
    private static final int BATCHES = 12;

    private static List<Term> atoms(int batch) {
        List<Term> atoms = new ArrayList<>();
        for (int i = 1; i <= PER_MESSAGE; i++) {
            atoms.add(Atom.of("a_" + batch + "_" + i));
        }
        return atoms;
    }

    @Test
    void manyAtomsBothWaysThroughTheCache() {
        Mailbox mailbox = mailbox();
        Atom erlNode = erlNode();
        assertTrue(java.ping(erlNode));
        DistFlags flags = java.connection(erlNode).handshake().flags();
        assertTrue(flags.has(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE | DistFlags.DFLAG_FRAGMENTS),
                "erl and beamlink use the distribution header and fragments: " + flags);
        erl.node().eval("throughput_helper:start_atom_checker(atom_checker).");
        for (int pass = 1; pass <= 2; pass++) {
            for (int batch = 0; batch < BATCHES; batch++) {
                Term list = ErlList.from(atoms(batch));
                mailbox.send(Atom.of("atom_checker"), erlNode,
                        Tuple.of(mailbox.self(), Int.of(batch), Int.of(PER_MESSAGE), list));
                Object answer = mailbox.receive(Duration.ofSeconds(20))
                        .orElseThrow(() -> new AssertionError("erl did not answer"));
                assertEquals(Tuple.of(Atom.of("ok"), Int.of(batch), list), answer,
                        "pass " + pass + ", batch " + batch + ": erl read our atoms and we read its");
            }
        }
    }
}
