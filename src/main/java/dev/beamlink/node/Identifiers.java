package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Port;
import dev.beamlink.etf.Ref;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the identifiers of one node incarnation: pids, references, ports and unlink ids, each real
 * Erlang identifiers of this node (its name and creation).
 */
final class Identifiers {

    /** Local pid numbers are 28 bits, split as BEAM splits them: 15 bits of id, 13 of serial (PID_EXT). */
    private static final long PID_NUMBERS = 1L << 28;

    private final Atom node;
    private final int creation;
    private final AtomicLong pids = new AtomicLong();
    private final AtomicLong refs = new AtomicLong();
    private final AtomicLong ports = new AtomicLong();
    private final AtomicLong unlinkIds = new AtomicLong();

    Identifiers(Atom node, int creation) {
        this.node = node;
        this.creation = creation;
    }

    /** {@return the next pid number's pid; the caller skips those still in use after a wrap} */
    Pid nextPid() {
        long number = pids.incrementAndGet() % PID_NUMBERS;
        return new Pid(node, (int) (number & 0x7FFF), (int) (number >>> 15), creation);
    }

    /** {@return a new reference: three ID words, as a local BEAM reference has} */
    Ref nextRef() {
        long n = refs.incrementAndGet();
        return new Ref(node, creation, new int[] {(int) (n & 0x3FFFF), (int) (n >>> 18), (int) (n >>> 50)});
    }

    Port nextPort() {
        return new Port(node, ports.incrementAndGet() & 0x0FFF_FFFFL, creation);
    }

    /** {@return a fresh UNLINK_ID id, never 0} */
    long nextUnlinkId() {
        return unlinkIds.incrementAndGet();
    }
}
