package dev.beamlink.dist;

import dev.beamlink.dist.control.ControlCodec;
import dev.beamlink.dist.control.ControlMessage;
import dev.beamlink.dist.control.ControlMessageException;
import dev.beamlink.dist.frame.DistMessage;
import dev.beamlink.dist.frame.FrameException;
import dev.beamlink.dist.frame.FrameFormat;
import dev.beamlink.dist.frame.FrameReader;
import dev.beamlink.dist.frame.FrameWriter;
import dev.beamlink.dist.frame.OutgoingFrame;
import dev.beamlink.dist.handshake.HandshakeResult;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Delivery;
import dev.beamlink.node.spi.Signal;
import io.netty.buffer.ByteBuf;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established connection to a peer node, after its handshake: a reader that cuts frames, decodes them and
 * injects the signals they carry; a {@link FrameWriter} that writes the frames senders encoded on their own threads;
 * and the tick bookkeeping the node's {@link Ticker} drives.
 *
 * <h2>Threads</h2>
 * While the peer sends, the reader is a platform thread: it waits for input in the kernel, on its channel's own
 * selector, and is woken by the socket itself, without the hand-off through the JDK's poller thread that a virtual
 * thread's wait takes (a wake-up more on the way of every message, measured at a third of a round trip). Once nothing
 * has come for {@link #READER_IDLE_NANOS}, the reader gives its receive buffer back to the pool and goes on, between
 * frames, on a virtual thread, which waits in the JDK's poller holding no thread of the operating system: an idle
 * connection holds no thread and no buffer. Ticks are read there; the first message starts a platform reader again.
 * The node's connections read on at most {@link ConnectionSettings#platformReaders()} platform threads at once (twice
 * the processors): past them, a busy connection reads on its virtual thread, as more threads than the processors run
 * would hold memory and add switches, not speed.
 * The writer is a virtual thread: senders write small messages to the socket themselves and the writer is woken only
 * for what they leave (a stream, a socket that is full), so its wake-ups are few, and parked it costs nothing.
 *
 * <p>Whatever goes wrong (the peer closes, a frame or control message breaks the protocol, a term does not
 * decode, the peer falls silent) closes the connection once, with a logged reason, and the
 * {@link ConnectionTable} then fires every link and monitor over it.
 */
final class Connection implements Ticker.Ticked {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** How many tick intervals of silence from the peer mean it is lost: a quarter of net_ticktime each. */
    static final int SILENT_TICKS = 4;
    /**
     * How long a platform reader waits for input before it leaves the waiting to a virtual thread: long beside the
     * gaps between the messages of a busy connection, short beside net_ticktime's tick interval (15 s by default).
     */
    static final long READER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Atom peer;
    private final HandshakeResult handshake;
    private final DistChannel channel;
    private final FrameFormat format;
    private final SignalMapper mapper;
    private final FrameWriter writer;
    private final ConnectionSettings settings;
    private final Attachment binding;
    private final ConnectionTable table;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Completes when {@link #close} has finished: the channel and writer stopped, the table told. */
    private final CompletableFuture<Void> closeDone = new CompletableFuture<>();
    /** Waits until the writer's messages that go whole are down to half its high-water mark, or the connection closed. */
    private final Delivery wholeDrained = new Delivery.Throttled(this::awaitWholeDrained);
    /** Waits until all the writer's messages are down to half its high-water mark, or the connection closed. */
    private final Delivery allDrained = new Delivery.Throttled(this::awaitAllDrained);
    private final AtomicLong framesRead = new AtomicLong();
    /** The reading side's state: the reader's, whichever thread it runs on (each starts the next). */
    private final FrameReader frames;
    private long read;
    /** The slot this connection is up on: what crosses it is filed under it. Set before the reader starts. */
    private PeerLink circuit;
    // The ticker's own state: only its thread touches these.
    private long framesReadAtLastTick = -1;
    private long bytesWrittenAtLastTick = -1;
    private int silentTicks;
    private int blockedTicks;
    /**
     * The node's own answers to the peer (see {@link #isAnswer}) queued since the reader last saw them all staged: their
     * body bytes, and the writer's {@link FrameWriter#queuedPosition()} after the last of them.
     */
    private final AtomicLong answerBytes = new AtomicLong();
    private final AtomicLong answersEnd = new AtomicLong();

    Connection(HandshakeResult handshake, DistChannel channel, ConnectionSettings settings, Attachment binding,
               ConnectionTable table) {
        this.peer = Atom.of(handshake.peerNode());
        this.handshake = handshake;
        this.channel = channel;
        this.settings = settings;
        this.binding = binding;
        this.table = table;
        this.format = FrameFormat.negotiated(handshake.flags(), settings.encoder(), settings.decoder(), settings.fragments());
        this.mapper = new SignalMapper(handshake.flags(), settings.groupLeader());
        this.writer = new FrameWriter(channel, format, settings.allocator(), settings.highWater(),
                e -> close("writing failed: " + e.getMessage(), true));
        this.frames = new FrameReader(channel, settings.receiveBufferSize(), settings.maxFrameLength(),
                settings.allocator(), format);
    }

    /** {@return the peer's name} */
    Atom peer() {
        return peer;
    }

    /** {@return what the handshake settled} */
    HandshakeResult handshake() {
        return handshake;
    }

    /** {@return the bytes queued for writing and not yet staged} */
    long queuedBytes() {
        return writer.queuedBytes();
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Starts the reader and the writer, the connection being up on {@code slot}. */
    void start(PeerLink slot) {
        this.circuit = slot;
        Thread.ofVirtual().name("beamlink-dist-writer-" + peer.text()).start(writer);
        if (!handOver(true)) {
            handOver(false);
        }
    }

    /**
     * Encodes {@code signal} on the caller's thread and queues its frame; never blocks. A signal this peer
     * cannot receive is dropped with a log line, as is one sent after the connection closed (its loss then
     * fires through {@link Attachment#connectionLost}); but a spawn request to a peer that did not offer
     * DFLAG_SPAWN is answered {@code notsup}, so that the process that asked does not wait for ever.
     * {@return queued, with what the sender waits for once it released its locks when the connection's queue is above
     * its high-water mark}
     */
    Delivery send(Signal signal) {
        return switch (mapper.outgoing(signal)) {
            case SignalMapper.Outgoing.Transmit(ControlMessage message) -> isAnswer(signal)
                    ? answer(message, senderOf(signal)) : send(message, senderOf(signal));
            case SignalMapper.Outgoing.Drop(String why) -> {
                LOG.debug("{} cannot go to {}, dropped: {}", signal, peer, why);
                yield Delivery.QUEUED;
            }
            case SignalMapper.Outgoing.AnswerLocally(Signal answer, String why) -> {
                LOG.info("connection to {}: {}", peer, why);
                binding.inject(circuit, answer);
                yield Delivery.QUEUED;
            }
        };
    }

    Delivery send(ControlMessage message, Object sender) {
        if (closed.get()) {
            return Delivery.QUEUED; // its loss fires through connectionLost
        }
        OutgoingFrame frame;
        try {
            frame = format.encode(ControlCodec.controlTuple(message), ControlCodec.payload(message), sender);
        } catch (RuntimeException e) {
            LOG.warn("{} to {} cannot be encoded, dropped: {}", message.operation(), peer, e.toString());
            return Delivery.QUEUED;
        }
        return switch (writer.enqueue(frame)) {
            case NONE -> Delivery.QUEUED;
            case WHOLE -> wholeDrained;
            case ALL -> allDrained;
        };
    }

    /**
     * Queues one of the node's own answers: no one waits for it, so it counts against {@link #answerBytes}, which the
     * reader holds to the high-water mark ({@link #awaitAnswersStaged}).
     */
    private Delivery answer(ControlMessage message, Object sender) {
        long before = writer.queuedPosition();
        send(message, sender); // in its sender's order: an exit after the messages its process sent
        long after = writer.queuedPosition();
        answersEnd.accumulateAndGet(after, Math::max); // senders on other threads may finish in another order
        answerBytes.addAndGet(Math.max(0, after - before));
        return Delivery.QUEUED;
    }

    /**
     * {@return whether {@code signal} is one the node sends on its own, for no process that would wait for the
     * connection to drain: a spawn reply, an unlink acknowledgement, an exit or monitor exit (the {@code noproc} answer
     * to a link or monitor of a process that does not exist is one)}
     */
    private static boolean isAnswer(Signal signal) {
        return switch (signal) {
            case Signal.SpawnReply s -> true;
            case Signal.UnlinkIdAck s -> true;
            case Signal.LinkExit s -> true;
            case Signal.MonitorPExit s -> true;
            default -> false;
        };
    }

    /**
     * The reader's brake on the node's answers to a peer that does not read them: past the high-water mark of them
     * queued, it reads nothing more from the peer (whose requests cause them) until they are all staged, or the
     * connection closed. So they hold at most the mark, the staging buffers and what one more frame causes; a peer that
     * never reads is then dropped by the ticker ({@link #tick()}: output blocked for net_ticktime).
     */
    private void awaitAnswersStaged() {
        if (answerBytes.get() > settings.highWater()) {
            writer.awaitStaged(answersEnd.get());
            answerBytes.set(0);
        }
    }

    private void awaitWholeDrained() {
        writer.awaitDrained(FrameWriter.Wait.WHOLE);
    }

    private void awaitAllDrained() {
        writer.awaitDrained(FrameWriter.Wait.ALL);
    }

    /** {@return the process whose signals must keep their order with {@code signal}'s} */
    private static Object senderOf(Signal signal) {
        Pid from = switch (signal) {
            case Signal.Send s -> s.from();
            case Signal.RegSend s -> s.from();
            case Signal.AliasSend s -> s.from();
            case Signal.Link s -> s.from();
            case Signal.UnlinkId s -> s.from();
            case Signal.UnlinkIdAck s -> s.from();
            case Signal.LinkExit s -> s.from();
            case Signal.Exit2 s -> s.from();
            case Signal.MonitorP s -> s.from();
            case Signal.DemonitorP s -> s.from();
            case Signal.MonitorPExit s -> s.sender();
            case Signal.SpawnRequest s -> s.from();
            case Signal.SpawnReply s -> null; // the node answers, not a process: it waits behind no one
        };
        return from == null ? OutgoingFrame.NO_SENDER : from;
    }

    /**
     * One tick interval (a quarter of net_ticktime) passed: send a tick if nothing was sent in it, and close
     * the connection if nothing at all was read for {@value #SILENT_TICKS} of them (net_kernel's tick rule), or if
     * output waited and nothing of it could be written for as many (a peer that does not read: its queue is bounded,
     * but the senders waiting on it, and the memory it holds, would wait for ever).
     */
    @Override
    public void tick() {
        long written = writer.bytesWritten();
        if (written == bytesWrittenAtLastTick && writer.outputPending()) {
            if (++blockedTicks >= SILENT_TICKS) {
                close("nothing could be written to the peer for " + blockedTicks + " tick intervals (net_ticktime): it"
                        + " does not read; " + writer.queuedBytes() + " bytes queued", true);
                return;
            }
        } else {
            blockedTicks = 0;
        }
        long read = framesRead.get();
        if (read == framesReadAtLastTick) {
            if (++silentTicks >= SILENT_TICKS) {
                close("no tick or message from the peer for " + silentTicks + " tick intervals (net_ticktime)", true);
                return;
            }
        } else {
            silentTicks = 0;
            framesReadAtLastTick = read;
        }
        if (written == bytesWrittenAtLastTick && writer.queuedBytes() == 0) {
            writer.enqueueTick();
        }
        bytesWrittenAtLastTick = written;
    }

    /** {@inheritDoc} The connection can no longer tell whether its peer lives: it is closed. */
    @Override
    public void tickFailed(Throwable failure) {
        close("its tick failed: " + failure, true);
    }

    /**
     * Reads until the connection closes, or, on a platform thread, until it has been idle for
     * {@link #READER_IDLE_NANOS}, or, on a virtual thread, until a message came: then it starts the reader on the other
     * kind of thread and returns.
     */
    private void readLoop() {
        boolean platform = !Thread.currentThread().isVirtual();
        try {
            readFrames(platform);
        } finally {
            if (platform) {
                settings.platformReaders().release();
            }
        }
    }

    private void readFrames(boolean platform) {
        boolean handedOver = false;
        try {
            while (!closed.get()) {
                if (frames.isEmpty() && !channel.awaitInput(platform ? READER_IDLE_NANOS : -1)) {
                    frames.release();
                    handedOver = handOver(false); // quiet: wait on a virtual thread
                    if (handedOver) {
                        return;
                    }
                }
                ByteBuf frame = frames.next();
                framesRead.lazySet(++read); // the ticker only needs to see it change
                if (frame.isReadable()) {
                    DistMessage message = format.decode(frame);
                    if (message != null) {
                        dispatch(message);
                        awaitAnswersStaged();
                    }
                    if (!platform && frames.isEmpty()) {
                        handedOver = handOver(true); // busy again: read on a platform thread
                        if (handedOver) {
                            return;
                        }
                    }
                } else if (!platform) {
                    frames.release(); // a tick: nothing to keep between ticks
                }
            }
        } catch (EOFException e) {
            close(e.getMessage(), false);
        } catch (FrameException | ControlMessageException | SignalMapper.ProtocolViolation e) {
            close("protocol error: " + e.getMessage(), true);
        } catch (IOException e) {
            close("reading failed: " + e.getMessage(), false);
        } catch (RuntimeException e) {
            LOG.warn("connection to {}: unexpected failure while reading", peer, e);
            close("unexpected failure while reading: " + e, true);
        } finally {
            if (!handedOver) {
                frames.close();
                format.closeReading();
            }
        }
    }

    /**
     * Starts the reader on a platform thread ({@code platform}), if one of the node's platform readers is free, or on a
     * virtual one. {@return whether it did: else (the node's platform readers are all busy, or no thread could be made)
     * the current thread reads on}
     */
    private boolean handOver(boolean platform) {
        if (platform && !settings.platformReaders().tryAcquire()) {
            return false; // as many connections read on platform threads as help: this one reads on its virtual thread
        }
        Thread.Builder builder = platform ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
        try {
            builder.name("beamlink-dist-reader-" + peer.text()).start(this::readLoop);
            return true;
        } catch (OutOfMemoryError | RuntimeException e) {
            if (platform) {
                settings.platformReaders().release();
            }
            LOG.debug("connection to {}: the reader stays on its thread: {}", peer, e.toString());
            return false;
        }
    }

    private void dispatch(DistMessage message) throws ControlMessageException, SignalMapper.ProtocolViolation {
        ControlMessage control = ControlCodec.decode(message.control(), message.payload());
        switch (mapper.incoming(control, peer)) {
            case SignalMapper.Incoming.Deliver(Signal signal) -> {
                try {
                    binding.inject(circuit, signal);
                } catch (IllegalArgumentException misaddressed) {
                    LOG.warn("connection to {}: {} dropped: {}", peer, control.operation(), misaddressed.getMessage());
                }
            }
            case SignalMapper.Incoming.Ignore(String why) -> LOG.debug("connection to {}: ignored {}", peer, why);
        }
    }

    /**
     * Closes the connection once: the channel and the writer stop, and the table fires every link and monitor
     * over it. Idempotent; callable from any thread.
     */
    void close(String reason, boolean warn) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (warn) {
                LOG.warn("connection to {} closed: {}", peer, reason);
            } else {
                LOG.info("connection to {} closed: {}", peer, reason);
            }
            channel.close();
            writer.close();
            table.connectionClosed(this, reason);
        } finally {
            closeDone.complete(null);
        }
    }

    /** Closes the connection (see {@link #close}) and waits, parked, until it is closed, whichever thread closes it. */
    void closeAndAwait(String reason) {
        close(reason, false);
        closeDone.join();
    }

    @Override
    public String toString() {
        return "connection to " + peer + " (" + channel.remoteAddress() + ")";
    }
}
