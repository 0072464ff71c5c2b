package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.etf.Atom;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer's hostile fragment stream, after a handshake that negotiated the distribution header and fragments: a
 * fragment count no message could need, sequences that never finish, more bytes than a connection may hold, fragment
 * ids out of order, a continuation without a start. Each closes the peer's connection (the reason logged) within a
 * time-out and leaves the node's memory bounded, while the node and its connection to a live erl carry on.
 */
@Tag("interop")
@PlainTcp
class HostileFragmentsTest {

    private static final long MAX_MESSAGE = 1 << 20;
    private static final long MAX_FRAGMENT_BYTES = 4 << 20;
    private static final int MAX_OPEN = 8;
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(10);
    private static final long FLAGS = DistFlags.DFLAG_DIST_HDR_ATOM_CACHE | DistFlags.DFLAG_FRAGMENTS;

    /** After every attack, the node still talks to erl both ways over the connection it had. */
    @RegisterExtension
    static final Bystander FIXTURE = Bystander.start("fragtarget", b -> b.maxFrameLength(MAX_MESSAGE)
            .maxFragmentBytes(MAX_FRAGMENT_BYTES).maxFragmentedMessages(MAX_OPEN));
    private static final DistributedNode java = FIXTURE.java;

    private static DistChannel peer() throws IOException {
        String name = JavaNodes.uniqueName("fragevil");
        DistChannel channel = RawPeers.authenticated(java, name, FLAGS);
        assertTrue(java.connection(Atom.of(name)).handshake().flags().has(FLAGS), "header and fragments negotiated");
        return channel;
    }

    /** Sends a frame unless the node closed the connection already (then the test's last check finds it closed). */
    private static void send(DistChannel channel, byte[]... parts) {
        try {
            RawPeers.send(channel, parts);
        } catch (IOException closedByNode) {
            // The node closed the connection before all was sent.
        }
    }

    /** A start of sequence {@code sequence} with {@code fragments} fragments: no atom references, {@code data}. */
    private static byte[][] start(long sequence, long fragments, int data) {
        return new byte[][] {ids(69, sequence, fragments), {0}, new byte[data]};
    }

    private static byte[][] continuation(long sequence, long fragment, int data) {
        return new byte[][] {ids(70, sequence, fragment), new byte[data]};
    }

    private static byte[] ids(int type, long sequence, long fragment) {
        return ByteBuffer.allocate(18).put((byte) 131).put((byte) type).putLong(sequence).putLong(fragment).array();
    }

    @Test
    void aFragmentCountNoMessageCouldNeed() throws IOException {
        DistChannel channel = peer();
        send(channel, start(1, Long.MAX_VALUE, 100));
        RawPeers.assertClosedByNode(channel, CLOSED_WITHIN);
    }

    @Test
    void sequencesThatNeverFinish() throws IOException {
        DistChannel channel = peer();
        for (int i = 1; i <= MAX_OPEN + 1; i++) {
            send(channel, start(i, 1000, 100));
        }
        RawPeers.assertClosedByNode(channel, CLOSED_WITHIN);
    }

    @Test
    void moreBytesThanAConnectionMayHold() throws IOException {
        DistChannel channel = peer();
        for (int i = 1; i <= MAX_OPEN; i++) { // each sends 3 of its 4 fragments of 256 KiB: 1 MiB of buffer for each
            send(channel, start(i, 4, 256 << 10));
            send(channel, continuation(i, 3, 256 << 10));
            send(channel, continuation(i, 2, 256 << 10));
        }
        RawPeers.assertClosedByNode(channel, CLOSED_WITHIN);
    }

    @Test
    void fragmentIdsOutOfOrder() throws IOException {
        DistChannel channel = peer();
        send(channel, start(7, 3, 100));
        send(channel, continuation(7, 1, 100));
        RawPeers.assertClosedByNode(channel, CLOSED_WITHIN);
    }

    @Test
    void aContinuationWithoutAStart() throws IOException {
        DistChannel channel = peer();
        send(channel, continuation(7, 2, 100));
        RawPeers.assertClosedByNode(channel, CLOSED_WITHIN);
    }

    @Test
    void aMessageLargerThanAllowedInFragments() throws IOException {
        DistChannel channel = peer();
        send(channel, start(9, 40, 60_000));
        for (int fragment = 39; fragment > 0; fragment--) {
            send(channel, continuation(9, fragment, 60_000)); // 2.4 MB in all, over the 1 MiB limit
        }
        RawPeers.assertClosedByNode(channel, CLOSED_WITHIN);
    }
}
