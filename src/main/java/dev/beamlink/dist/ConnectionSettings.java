package dev.beamlink.dist;

import dev.beamlink.dist.frame.FragmentLimits;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Pid;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * What every connection of a node shares.
 *
 * @param encoder           encodes the terms of outgoing frames
 * @param decoder           decodes incoming terms: the node's one decoder, with its bounded atom table
 * @param allocator         where the receive and staging buffers of connections come from
 * @param receiveBufferSize the size of a connection's receive buffer
 * @param maxFrameLength    the largest frame a peer may send
 * @param fragments         the fragment size this node sends, and what a peer's fragments may make it hold
 * @param highWater         the bytes queued on a connection above which its senders wait
 * @param maxPendingSignals the signals queued for a peer while its handshake runs above which their senders wait
 * @param groupLeader       the group leader of the processes this node asks peers for now: the node's I/O server
 *                          ({@link dev.beamlink.otp.kernel.IoServer}), the one running since its last restart
 * @param platformReaders   the platform threads the connections may read on at once ({@link Connection}: a busy
 *                          connection reads on one, for latency); past them, busy connections read on virtual threads
 */
record ConnectionSettings(EtfEncoder encoder, EtfDecoder decoder, PooledByteBufAllocator allocator, int receiveBufferSize,
                          long maxFrameLength, FragmentLimits fragments, long highWater, int maxPendingSignals,
                          Supplier<Pid> groupLeader, Semaphore platformReaders) {

    /**
     * The default of {@link #highWater()}: 1 MiB, OTP's own busy limit of a distribution channel. Deeper queues do not
     * make a connection faster (the peer or the wire sets the pace), but every message queued is objects the young
     * collection copies and, past a point, promotes (bench/README.md: what a deeper mark cost).
     */
    static final long DEFAULT_HIGH_WATER = 1L << 20;
    /**
     * The pool the connections of every node in this JVM take their receive and staging buffers from: one heap arena
     * and one direct arena, in chunks of 1 MiB (pages of 8 KiB, {@code maxOrder} 7), without thread caches. A
     * connection takes its buffers when it gets busy and keeps them while it stays so, a few allocations a second at most
     * across the node, so more arenas would not help; and the pool keeps what it took from the heap and from native
     * memory in whole chunks, so netty's default (two arenas of each kind per processor, chunks of 4 MiB) kept some
     * 20 MiB for 50 busy connections of 16 KiB buffers (bench/run dist, connections).
     */
    static final PooledByteBufAllocator BUFFERS = new PooledByteBufAllocator(true, 1, 1, 8192, 7, 0, 0, false);
    /** The default of {@link #maxPendingSignals()}. */
    static final int DEFAULT_MAX_PENDING_SIGNALS = 65_536;

    /** Settings with the default fragments, high-water mark, pending limit and platform readers. */
    ConnectionSettings(EtfEncoder encoder, EtfDecoder decoder, PooledByteBufAllocator allocator, int receiveBufferSize,
                       long maxFrameLength, Supplier<Pid> groupLeader) {
        this(encoder, decoder, allocator, receiveBufferSize, maxFrameLength, FragmentLimits.defaults(maxFrameLength),
                DEFAULT_HIGH_WATER, DEFAULT_MAX_PENDING_SIGNALS, groupLeader, defaultPlatformReaders());
    }

    /**
     * {@return the default of {@link #platformReaders()}: twice the processors} More readers than the processors can
     * run at once do not read faster; each costs a thread of the operating system and its stack, per busy connection.
     */
    static Semaphore defaultPlatformReaders() {
        return new Semaphore(2 * Runtime.getRuntime().availableProcessors());
    }
}
