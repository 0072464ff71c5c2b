package dev.beamlink.dist;

import dev.beamlink.dist.control.ControlCodec;
import dev.beamlink.dist.control.ControlMessage;
import dev.beamlink.dist.control.ControlMessageException;
import dev.beamlink.dist.frame.DistMessage;
import dev.beamlink.dist.frame.FrameException;
import dev.beamlink.dist.frame.FrameFormat;
import dev.beamlink.dist.frame.FrameReader;
import dev.beamlink.dist.frame.FrameWriter;
import dev.beamlink.dist.handshake.HandshakeResult;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.etf.Atom;
import dev.beamlink.node.Reasons;
import dev.beamlink.node.Signal;
import dev.beamlink.node.TransportBinding;
import io.netty.buffer.ByteBuf;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established connection to a peer node, after its handshake: a reader thread that cuts frames, decodes
 * them and injects the signals they carry; a {@link FrameWriter} thread that writes the frames senders encoded
 * on their own threads; and the tick bookkeeping the node's {@link Ticker} drives.
 *
 * <p>Whatever goes wrong (the peer closes, a frame or control message breaks the protocol, a term does not
 * decode, the peer falls silent) closes the connection once, with a logged reason, and the
 * {@link ConnectionTable} then fires every link and monitor over it.
 */
final class Connection {

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
    private final TransportBinding binding;
    private final ConnectionTable table;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long framesRead;
    // The ticker's own state: only its thread touches these.
    private long framesReadAtLastTick = -1;
    private long framesQueuedAtLastTick = -1;
    private int silentTicks;

    Connection(HandshakeResult handshake, DistChannel channel, ConnectionSettings settings, TransportBinding binding,
               ConnectionTable table) {
        this.peer = Atom.of(handshake.peerNode());
        this.handshake = handshake;
        this.channel = channel;
        this.settings = settings;
        this.binding = binding;
        this.table = table;
        this.format = FrameFormat.negotiated(handshake.flags(), settings.encoder(), settings.decoder());
        this.mapper = new SignalMapper(handshake.flags(), settings.groupLeader());
        this.writer = new FrameWriter(channel, e -> close("writing failed: " + e.getMessage(), true));
    }

    /** {@return the peer's name} */
    Atom peer() {
        return peer;
    }

    /** {@return what the handshake settled} */
    HandshakeResult handshake() {
        return handshake;
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Starts the reader and writer threads. */
    void start() {
        Thread.ofVirtual().name("beamlink-dist-writer-" + peer.text()).start(writer);
        Thread.ofVirtual().name("beamlink-dist-reader-" + peer.text()).start(this::readLoop);
    }

    /**
     * Encodes {@code signal} on the caller's thread and queues its frame; never blocks. A signal this peer
     * cannot receive is dropped with a log line, as is one sent after the connection closed (its loss then
     * fires through {@link TransportBinding#connectionLost}); but a spawn request to a peer that did not offer
     * DFLAG_SPAWN is answered {@code notsup}, so that the process that asked does not wait for ever.
     */
    void send(Signal signal) {
        ControlMessage message = mapper.outgoing(signal);
        if (message != null) {
            send(message);
        } else if (signal instanceof Signal.SpawnRequest request) {
            LOG.info("{} cannot start processes for us (no DFLAG_SPAWN): the spawn request of {} is answered notsup",
                    peer, request.from());
            binding.inject(Signal.SpawnReply.failed(request.reqId(), request.from(), Reasons.NOTSUP));
        } else {
            LOG.debug("{} cannot go to {}: dropped", signal, peer);
        }
    }

    void send(ControlMessage message) {
        if (closed.get()) {
            return;
        }
        ByteBuf frame = settings.allocator().heapBuffer(256);
        try {
            format.encode(ControlCodec.controlTuple(message), ControlCodec.payload(message), frame);
        } catch (RuntimeException e) {
            frame.release();
            LOG.warn("{} to {} cannot be encoded, dropped: {}", ControlCodec.name(message.operation()), peer, e.toString());
            return;
        }
        writer.enqueue(frame);
    }

    /**
     * One tick interval (a quarter of net_ticktime) passed: send a tick if nothing was sent in it, and close
     * the connection if nothing at all was read for {@value #SILENT_TICKS} of them (net_kernel's tick rule).
     */
    void tick() {
        long read = framesRead;
        if (read == framesReadAtLastTick) {
            if (++silentTicks >= SILENT_TICKS) {
                close("no tick or message from the peer for " + silentTicks + " tick intervals (net_ticktime)", true);
                return;
            }
        } else {
            silentTicks = 0;
            framesReadAtLastTick = read;
        }
        if (writer.framesQueued() == framesQueuedAtLastTick) {
            writer.enqueueTick();
        }
        framesQueuedAtLastTick = writer.framesQueued();
    }

    private void readLoop() {
        try (FrameReader frames = new FrameReader(channel, settings.receiveBufferSize(), settings.maxFrameLength(),
                settings.allocator())) {
            while (!closed.get()) {
                ByteBuf frame = frames.next();
                framesRead++;
                if (frame.isReadable()) {
                    dispatch(format.decode(frame));
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
        }
    }

    private void dispatch(DistMessage message) throws ControlMessageException, SignalMapper.ProtocolViolation {
        ControlMessage control = ControlCodec.decode(message.control(), message.payload());
        switch (mapper.incoming(control, peer)) {
            case SignalMapper.Incoming.Deliver(Signal signal) -> {
                try {
                    binding.inject(signal);
                } catch (IllegalArgumentException misaddressed) {
                    LOG.warn("connection to {}: {} dropped: {}", peer, ControlCodec.name(control.operation()),
                            misaddressed.getMessage());
                }
            }
            case SignalMapper.Incoming.Reply(ControlMessage answer, String why) -> {
                LOG.info("connection to {}: {}", peer, why);
                send(answer);
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
