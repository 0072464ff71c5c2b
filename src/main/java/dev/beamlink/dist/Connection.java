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
import dev.beamlink.node.spi.Delivery;
import dev.beamlink.node.spi.Signal;
import dev.beamlink.node.spi.Attachment;
import io.netty.buffer.ByteBuf;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established connection to a peer node, after its handshake: a reader thread that cuts frames, decodes
 * them and injects the signals they carry; a {@link FrameWriter} thread that writes the frames senders encoded
 * on their own threads; and the tick bookkeeping the node's {@link Ticker} drives. Reader and writer are platform
 * threads: a blocking read or write on one goes straight to the socket, without the hand-off through the JDK's poller
 * that a virtual thread's would take, which is a round trip's latency saved on each side.
 *
 * <p>Whatever goes wrong (the peer closes, a frame or control message breaks the protocol, a term does not
 * decode, the peer falls silent) closes the connection once, with a logged reason, and the
 * {@link ConnectionTable} then fires every link and monitor over it.
 */
final class Connection implements Ticker.Ticked {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** How many tick intervals of silence from the peer mean it is lost: a quarter of net_ticktime each. */
    static final int SILENT_TICKS = 4;

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
    /** Waits until the writer's messages that go whole are down to half its high-water mark, or the connection closed. */
    private final Delivery wholeDrained = new Delivery.Throttled(this::awaitWholeDrained);
    /** Waits until all the writer's messages are down to half its high-water mark, or the connection closed. */
    private final Delivery allDrained = new Delivery.Throttled(this::awaitAllDrained);
    private final AtomicLong framesRead = new AtomicLong();
    /** The slot this connection is up on: what crosses it is filed under it. Set before the reader starts. */
    private PeerLink circuit;
    // The ticker's own state: only its thread touches these.
    private long framesReadAtLastTick = -1;
    private long bytesWrittenAtLastTick = -1;
    private int silentTicks;

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

    /** Starts the reader and writer threads, the connection being up on {@code slot}. */
    void start(PeerLink slot) {
        this.circuit = slot;
        Thread.ofPlatform().daemon().name("beamlink-dist-writer-" + peer.text()).start(writer);
        Thread.ofPlatform().daemon().name("beamlink-dist-reader-" + peer.text()).start(this::readLoop);
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
            case SignalMapper.Outgoing.Transmit(ControlMessage message) -> send(message, senderOf(signal));
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
     * the connection if nothing at all was read for {@value #SILENT_TICKS} of them (net_kernel's tick rule).
     */
    @Override
    public void tick() {
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
        long written = writer.bytesWritten();
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

    private void readLoop() {
        try (FrameReader frames = new FrameReader(channel, settings.receiveBufferSize(), settings.maxFrameLength(),
                settings.allocator())) {
            long read = 0;
            while (!closed.get()) {
                ByteBuf frame = frames.next();
                framesRead.lazySet(++read); // the ticker only needs to see it change
                if (frame.isReadable()) {
                    DistMessage message = format.decode(frame);
                    if (message != null) {
                        dispatch(message);
                    }
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
            format.closeReading();
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
        if (warn) {
            LOG.warn("connection to {} closed: {}", peer, reason);
        } else {
            LOG.info("connection to {} closed: {}", peer, reason);
        }
        channel.close();
        writer.close();
        table.connectionClosed(this, reason);
    }

    @Override
    public String toString() {
        return "connection to " + peer + " (" + channel.remoteAddress() + ")";
    }
}
