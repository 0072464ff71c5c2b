package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.TermOrder;
import dev.beamlink.etf.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * global's "prevent overlapping partitions" (vsn 7 on, on by default since OTP 25), as global.erl describes it:
 * a node that loses a connection tells every node it knows ({@code lost_connection}); a node that hears of it for
 * the first time tells the others too, and drops the lost node itself, by asking it to disconnect
 * ({@code remove_connection}) or, for an older node, by disconnecting; a node asked to disconnect does.
 */
final class OverlapGuard {

    private static final Logger LOG = LoggerFactory.getLogger(OverlapGuard.class);
    /** How long a lost_connection is remembered, to drop its repetitions ({@code ?lost_conn_info_cleanup_time}). */
    private static final Duration REMEMBERED = Duration.ofHours(1);
    private static final long MIN_64BIT_SMALL_INT = -(1L << 59);
    private static final long MAX_64BIT_SMALL_INT = (1L << 59) - 1;

    private record Seen(Term creation, Term opId, long atNanos) {
    }

    private final ServerContext ctx;
    private final Term creation;
    private final Map<List<Atom>, Seen> seen = new HashMap<>();

    OverlapGuard(ServerContext ctx) {
        this.ctx = ctx;
        // global's "extended creation": a random high part, so that a restarted node's reports are told apart.
        long extension = ThreadLocalRandom.current().nextLong(MAX_64BIT_SMALL_INT - MIN_64BIT_SMALL_INT) & ~0xFFFF_FFFFL;
        this.creation = Int.of(extension + Integer.toUnsignedLong(ctx.self.node().creation()) - MIN_64BIT_SMALL_INT);
    }

    /** We lost the connection to {@code node} ({@code inform_connection_loss/2}): tell every node we know. */
    void connectionLost(Atom node) {
        multicast(Outbound.lostConnection(ctx.node, creation, ctx.uniqueInteger(), node), node);
    }

    /**
     * {@code NodeA} lost its connection to {@code NodeB}. {@return the node we drop from our partition because of it,
     * null if none}
     */
    Atom lostConnection(Inbound.LostConnection report) {
        long now = System.nanoTime();
        seen.values().removeIf(s -> now - s.atNanos() > REMEMBERED.toNanos());
        List<Atom> key = List.of(report.nodeA(), report.nodeB());
        Seen before = seen.get(key);
        if (before != null && before.creation().equals(report.creationA())
                && TermOrder.STANDARD.compare(report.opIdA(), before.opId()) <= 0) {
            return null; // handled already
        }
        // Pass it on, so that every node hears of it even if NodeA is lost while it tells them.
        if (report.message() instanceof Tuple message) {
            multicast(message, report.nodeA());
        }
        seen.put(key, new Seen(report.creationA(), report.opIdA(), now));
        Atom remove = ctx.node.equals(report.nodeB()) ? report.nodeA() : report.nodeB();
        if (!ctx.partition.isPotentiallyKnown(remove)) {
            return null;
        }
        String what;
        if (ctx.partition.vsnOf(remove) < Partition.POP_VSN) {
            ctx.cluster.disconnect(remove);
            what = "disconnected old";
        } else {
            ctx.sendVolatile(remove, Outbound.removeConnection(ctx.node));
            what = "requested disconnect from";
        }
        LOG.warn("'global' at node {} {} node {} in order to prevent overlapping partitions", ctx.node, what, remove);
        return remove;
    }

    /** {@code Node} asks us to disconnect from it. {@return the node dropped, null if we did not know it} */
    Atom removeConnection(Inbound.RemoveConnection request) {
        Atom node = request.node();
        if (!ctx.partition.isPotentiallyKnown(node)) {
            return null;
        }
        ctx.cluster.disconnect(node);
        LOG.warn("'global' at node {} disconnected node {} in order to prevent overlapping partitions", ctx.node, node);
        return node;
    }

    /** {@code gns_volatile_multicast/5}: to every known and pending node of vsn 7 on but {@code ignore}. */
    private void multicast(Tuple message, Atom ignore) {
        Map<Atom, Integer> targets = new HashMap<>(ctx.partition.pendingVersions());
        targets.putAll(ctx.partition.knownVersions());
        targets.forEach((node, vsn) -> {
            if (!node.equals(ignore) && vsn >= Partition.POP_VSN) {
                ctx.sendVolatile(node, message);
            }
        });
    }
}
