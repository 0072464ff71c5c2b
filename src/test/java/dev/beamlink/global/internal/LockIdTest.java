package dev.beamlink.global.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.TermOrder;
import org.junit.jupiter.api.Test;

/**
 * Both lockers of a connect must compute the same lock id, {@code {global, lists:sort([L1, L2])}}: pids sort as
 * the BEAM sorts them. The orders below are what OTP 25's erl answered for the same pids.
 */
class LockIdTest {

    private static Pid pid(String node, int id, int serial, int creation) {
        return new Pid(Atom.of(node), id, serial, creation);
    }

    @Test
    void pidsSortBySerialThenNumberThenNodeThenCreation() {
        assertTrue(TermOrder.STANDARD.compare(pid("zzz@h", 3, 0, 1), pid("aaa@h", 5, 0, 1)) < 0, "the number before the node");
        assertTrue(TermOrder.STANDARD.compare(pid("aaa@h", 5, 0, 1), pid("zzz@h", 5, 0, 1)) < 0, "then the node");
        assertTrue(TermOrder.STANDARD.compare(pid("aaa@h", 5, 0, 9), pid("zzz@h", 5, 0, 1)) < 0, "the node before the creation");
        assertTrue(TermOrder.STANDARD.compare(pid("aaa@h", 5, 0, 1), pid("aaa@h", 5, 0, 2)) < 0, "then the creation");
        assertTrue(TermOrder.STANDARD.compare(pid("aaa@h", 5, 0, 1), pid("aaa@h", 3, 1, 1)) < 0, "the serial before the number");
        assertTrue(TermOrder.STANDARD.compare(pid("aaa@h", 0x0FFF_FFFF, 0, 1), pid("aaa@h", 0, 1, 1)) < 0);
        assertEquals(0, TermOrder.STANDARD.compare(pid("aaa@h", 5, 0, 1), pid("aaa@h", 5, 0, 1)));
    }

    @Test
    void bothLockersComputeTheSameId() {
        Pid java = pid("published@localhost", 2, 0, 7);
        Pid erl = pid("global@localhost", 56, 0, 9);
        LockId id = LockId.ofLockers(java, erl);
        assertEquals(id, LockId.ofLockers(erl, java));
        assertEquals(new LockId(Atom.of("global"), ErlList.of(java, erl)), id, "as erl sorted them in an interop run");
    }
}
