package dev.beamlink.dist.transport.tls;

import dev.beamlink.dist.transport.DistChannel;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DistChannel} over TLS: the JDK's {@link SSLEngine} between the connection and a carrier channel (TCP), whose
 * read spin, selectors and non-blocking writes it keeps.
 *
 * <h2>The TLS handshake</h2>
 * It runs on the first read or write, on that thread: inside the distribution handshake (the initiator writes first,
 * the acceptor reads first), so within its deadline: when that passes, the distribution handshake closes the channel,
 * which ends a TLS handshake stuck waiting for its peer. A TLS handshake that fails is logged with its reason (an
 * untrusted or expired certificate, a wrong host name, a peer that does not speak TLS) and sends the peer the alert
 * the JDK chose, as OTP's ssl does.
 *
 * <h2>Reading</h2>
 * One thread reads. Records are decrypted straight into the reader's buffer, as many as are whole in what the carrier
 * gave at once; what a record holds beyond the reader's room waits in a buffer of its own for the next read. TLS 1.3
 * post-handshake messages (new session tickets, key updates) are handled on the way; a key update that asks for ours
 * is answered without the reader waiting on the socket ({@link #requestWrap}). A peer's {@code close_notify} is the end
 * of the stream.
 *
 * <h2>Writing</h2>
 * Whoever writes holds the write role: the connection's writer ({@link #write}, which may wait), a sender
 * ({@link #tryWrite}, which never waits: it takes the role only if it is free, and returns 0 otherwise), or the reader
 * answering a key update. Records are made into one ciphertext buffer, up to a writer's staging buffer's worth (256 KiB
 * of plain text), which goes to the carrier in one write. When a sender's records do not all go into the socket at
 * once, the rest is handed, with the role, to a thread that writes it and then lets the role go: a sender never waits
 * on the socket, and records always reach it whole and in order.
 *
 * <p>{@link #close()}, from any thread, sends {@code close_notify} if no one is writing, and closes the carrier, which
 * ends a blocked read or write.
 */
final class TlsChannel implements DistChannel {

    private static final Logger LOG = LoggerFactory.getLogger(TlsChannel.class);
    /*
     * The ciphertext buffers are on the heap: the JDK's AES-GCM encrypts and decrypts arrays with its intrinsics, and
     * direct buffers cost it half as much again (on this machine, writing 0.30 against 0.50 ms of CPU per MiB, reading
     * 0.40 against 0.60), more than the copy the socket makes of a heap buffer.
     */
    /** Records of ciphertext the write buffer holds: a 256 KiB staging buffer's worth of plain text, and one more. */
    private static final int WRITE_RECORDS = 17;
    /** Records of ciphertext one read from the carrier may bring. */
    private static final int READ_RECORDS = 8;
    private static final ByteBuffer[] NO_SOURCES = {ByteBuffer.allocate(0)};

    private final DistChannel carrier;
    private final SSLEngine engine;
    private final String peer;
    private final ReentrantLock handshakeLock = new ReentrantLock();
    private volatile boolean established;
    private final AtomicBoolean closed = new AtomicBoolean();

    // The reading side: the reading thread's (the handshaking thread's before).
    /** Ciphertext read from the carrier, in write mode. */
    private ByteBuffer netIn;
    /** Plain text decrypted beyond what a read had room for, in read mode. */
    private ByteBuffer appIn;
    private final ByteBuffer[] unwrapTargets = new ByteBuffer[2];
    private boolean inboundDone;
    /** The bytes read from the carrier during the TLS handshake, for the log: none suggests a peer that is not TLS. */
    private long handshakeBytesRead;

    // The writing side: the write role's holder's.
    private final Semaphore writeRole = new Semaphore(1);
    /** Ciphertext to write, in write mode; empty whenever the role is free. */
    private final ByteBuffer netOut;
    private final ByteBuffer[] carrierSources = new ByteBuffer[1];
    /** Set by the reader when the engine has a handshake message to send (a key update's answer). */
    private volatile boolean wrapWanted;

    TlsChannel(DistChannel carrier, SSLEngine engine) {
        this.carrier = carrier;
        this.engine = engine;
        SocketAddress address = carrier.remoteAddress();
        this.peer = address == null ? "an unknown peer" : address.toString();
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet * READ_RECORDS);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(packet * WRITE_RECORDS);
    }

    /** OTP's {@code inet_tls_dist} frames its handshake messages as the rest, with 4 bytes of length. */
    @Override
    public int handshakeLengthSize() {
        return 4;
    }

    // ---------------------------------------------------------------------------------------------- the handshake

    private void establish() throws IOException {
        if (established) {
            return;
        }
        handshakeLock.lock();
        try {
            if (!established) {
                handshake();
                established = true;
            }
        } finally {
            handshakeLock.unlock();
        }
    }

    private void handshake() throws IOException {
        writeRole.acquireUninterruptibly(); // no one else writes before it is done; close() sends nothing meanwhile
        try {
            engine.beginHandshake();
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> {
                        wrap(NO_SOURCES);
                        flush();
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        SSLEngineResult result = unwrap(null);
                        if (result.getStatus() == Status.CLOSED) {
                            throw new SSLHandshakeException("the peer closed the TLS connection during the handshake");
                        }
                        if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                            int n = readCarrier();
                            if (n < 0) {
                                throw new SSLHandshakeException("the peer closed the connection during the TLS"
                                        + " handshake (a peer that does not speak TLS, or one that refused us without"
                                        + " an alert)");
                            }
                            handshakeBytesRead += n;
                        }
                    }
                    case NEED_TASK -> runTasks();
                    case FINISHED, NOT_HANDSHAKING -> {
                        if (netOut.position() > 0) {
                            flush();
                        }
                        return;
                    }
                }
            }
        } catch (SSLException e) {
            sendQuietly(); // the alert the engine queued: the peer learns why
            String reason = reason(e);
            LOG.warn("TLS handshake with {} failed: {}", peer, reason);
            SSLHandshakeException failure = new SSLHandshakeException("TLS handshake with " + peer + " failed: " + reason);
            failure.initCause(e);
            throw failure;
        } catch (IOException e) {
            if (closed.get()) {
                LOG.warn("TLS handshake with {} did not complete: the connection was closed first (the distribution"
                        + " handshake's deadline passed, or the node is closing){}", peer, handshakeBytesRead > 0 ? ""
                        : "; the peer sent nothing back: a plain TCP node, or one that stopped");
            }
            throw e;
        } finally {
            netOut.clear();
            writeRole.release();
        }
    }

    /** {@return the exception's message, with its deepest cause's when that says more} */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = String.valueOf(e.getMessage());
        if (root != e && root.getMessage() != null && !reason.contains(root.getMessage())) {
            reason += " (" + root.getMessage() + ")";
        }
        if (reason.contains("nrecognized SSL message")) { // the JDK's "Unrecognized SSL message, plaintext connection?"
            reason += ": the peer does not speak TLS (a plain TCP node?)";
        }
        return reason;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    // ---------------------------------------------------------------------------------------------- reading

    @Override
    public int read(ByteBuffer target) throws IOException {
        establish();
        if (appIn.hasRemaining()) {
            return drainAppIn(target);
        }
        if (!target.hasRemaining()) {
            return 0;
        }
        int start = target.position();
        while (true) {
            boolean progress = false;
            if (netIn.position() > 0 && !inboundDone) {
                SSLEngineResult result;
                try {
                    result = unwrap(target);
                } catch (SSLException e) {
                    // An alert from the peer (a TLS 1.3 server refusing our certificate after our handshake ended,
                    // say), or records that do not decrypt.
                    LOG.warn("TLS connection with {} failed: {}", peer, reason(e));
                    throw e;
                }
                if (result.getStatus() == Status.CLOSED) {
                    inboundDone = true; // close_notify
                }
                progress = result.getStatus() == Status.BUFFER_OVERFLOW // the plain text buffer grew: again
                        || result.getStatus() == Status.OK && result.bytesConsumed() > 0;
            }
            int got = target.position() - start;
            if (appIn.hasRemaining() || !target.hasRemaining()) {
                return got;
            }
            if (inboundDone) {
                return got > 0 ? got : -1;
            }
            if (progress) {
                continue; // another record may be whole in what was read
            }
            if (got > 0) {
                return got;
            }
            if (readCarrier() < 0) {
                inboundDone = true; // the end of the stream, without close_notify
                return -1;
            }
        }
    }

    /**
     * Plain text decrypted already, or ciphertext read and not yet decrypted (maybe a whole record), is input at once;
     * else the carrier waits for it.
     */
    @Override
    public boolean awaitInput(long timeoutNanos) throws IOException {
        if (!established || appIn.hasRemaining() || netIn.position() > 0) {
            return true;
        }
        return carrier.awaitInput(timeoutNanos);
    }

    private int drainAppIn(ByteBuffer target) {
        int n = Math.min(appIn.remaining(), target.remaining());
        target.put(target.position(), appIn, appIn.position(), n);
        target.position(target.position() + n);
        appIn.position(appIn.position() + n);
        return n;
    }

    /** Reads more ciphertext; {@return what the carrier's read returned} */
    private int readCarrier() throws IOException {
        if (!netIn.hasRemaining()) {
            // A record larger than the buffer (the engine's packet size grew for a peer's large records).
            ByteBuffer larger = ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize());
            netIn = larger.put(netIn.flip());
        }
        return carrier.read(netIn);
    }

    /**
     * Decrypts one record from {@link #netIn} into {@code target} (null: none) and, past its room, {@link #appIn}
     * (which must be empty when there is a target); runs the engine's tasks, and asks for its handshake messages to
     * be sent. A BUFFER_OVERFLOW grows {@link #appIn}.
     */
    private SSLEngineResult unwrap(ByteBuffer target) throws IOException {
        SSLEngineResult result;
        appIn.compact();
        netIn.flip();
        try {
            if (target == null) {
                result = engine.unwrap(netIn, appIn);
            } else {
                unwrapTargets[0] = target;
                unwrapTargets[1] = appIn;
                result = engine.unwrap(netIn, unwrapTargets);
            }
        } finally {
            netIn.compact();
            appIn.flip();
            unwrapTargets[0] = null;
        }
        if (result.getStatus() == Status.BUFFER_OVERFLOW) {
            ByteBuffer larger = ByteBuffer.allocate(appIn.capacity() + engine.getSession().getApplicationBufferSize());
            appIn = larger.put(appIn).flip();
        }
        HandshakeStatus status = result.getHandshakeStatus();
        if (status == HandshakeStatus.NEED_TASK) {
            runTasks();
            status = engine.getHandshakeStatus();
        }
        if (status == HandshakeStatus.NEED_WRAP && established) {
            requestWrap();
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------- writing

    @Override
    public void write(ByteBuffer[] sources) throws IOException {
        establish();
        try {
            writeRole.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write");
        }
        try {
            if (closed.get()) {
                throw new ClosedChannelException();
            }
            wrapWanted = false;
            do {
                long before = netOut.position();
                long taken = wrap(sources);
                if (netOut.position() == before && taken == 0 && remaining(sources)) {
                    throw new EOFException("the TLS connection is closed: no more can be written");
                }
                flush();
            } while (remaining(sources));
        } finally {
            netOut.clear();
            releaseRole();
        }
    }

    @Override
    public long tryWrite(ByteBuffer[] sources) throws IOException {
        if (!established || closed.get() || !writeRole.tryAcquire()) {
            return 0;
        }
        long taken = 0;
        boolean handedOver = false;
        try {
            wrapWanted = false;
            taken = wrap(sources);
            handedOver = sendWithoutWaiting();
        } finally {
            if (!handedOver) {
                releaseRole();
            }
        }
        return taken;
    }

    /**
     * Asks for the engine's pending handshake messages to be sent, without waiting: by whoever holds the write role
     * (a writer sends them before its own records), or here if no one does.
     */
    private void requestWrap() {
        wrapWanted = true;
        if (writeRole.tryAcquire()) {
            releaseRole();
        }
    }

    /** Lets the write role go; takes it back to send the handshake messages the reader asked for meanwhile, if any. */
    private void releaseRole() {
        writeRole.release();
        while (wrapWanted && !closed.get() && writeRole.tryAcquire()) {
            boolean handedOver = false;
            try {
                wrapWanted = false;
                wrap(NO_SOURCES);
                handedOver = sendWithoutWaiting();
            } catch (IOException e) {
                LOG.debug("TLS connection with {}: a handshake message could not be sent: {}", peer, e.toString());
                close();
            } finally {
                if (!handedOver) {
                    netOut.clear();
                    writeRole.release();
                }
            }
            if (handedOver) {
                return; // the flusher lets the role go, and looks again
            }
        }
    }

    /**
     * With the role held: writes what {@link #netOut} holds as far as the carrier takes it at once, and hands the rest
     * and the role to a thread that writes it. {@return whether it did}
     */
    private boolean sendWithoutWaiting() throws IOException {
        if (netOut.position() == 0) {
            return false;
        }
        netOut.flip();
        carrierSources[0] = netOut;
        carrier.tryWrite(carrierSources);
        if (!netOut.hasRemaining()) {
            netOut.clear();
            return false;
        }
        Thread.ofVirtual().name("beamlink-tls-flush").start(() -> {
            try {
                carrier.write(carrierSources);
            } catch (IOException e) {
                LOG.debug("TLS connection with {}: a write failed: {}", peer, e.toString());
                close(); // the connection's reader and writer find it closed
            } finally {
                netOut.clear();
                releaseRole();
            }
        });
        return true;
    }

    /**
     * Makes records of {@code sources} (and first of any handshake message due) into {@link #netOut}, as many as fit.
     * {@return the plain text bytes taken}
     */
    private long wrap(ByteBuffer[] sources) throws IOException {
        long taken = 0;
        while (true) {
            SSLEngineResult result = engine.wrap(sources, netOut);
            taken += result.bytesConsumed();
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (result.getStatus() != Status.OK || result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                return taken; // full (BUFFER_OVERFLOW), closed, or nothing more to make
            }
        }
    }

    /** Writes all of {@link #netOut} to the carrier, waiting as long as it takes, and empties it. */
    private void flush() throws IOException {
        netOut.flip();
        carrierSources[0] = netOut;
        try {
            carrier.write(carrierSources);
        } finally {
            netOut.clear();
        }
    }

    /** Sends what the engine has queued (an alert, close_notify) if the carrier takes it at once; never fails. */
    private void sendQuietly() {
        try {
            netOut.clear();
            wrap(NO_SOURCES);
            netOut.flip();
            carrierSources[0] = netOut;
            carrier.tryWrite(carrierSources);
        } catch (IOException | RuntimeException ignored) {
            // Closing or failed: the peer sees the connection end.
        } finally {
            netOut.clear();
        }
    }

    private static boolean remaining(ByteBuffer[] sources) {
        for (ByteBuffer source : sources) {
            if (source.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------- the rest

    @Override
    public SocketAddress remoteAddress() {
        return carrier.remoteAddress();
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && carrier.isOpen();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (established && writeRole.tryAcquire()) {
            try {
                engine.closeOutbound();
                sendQuietly(); // close_notify, if the socket takes it at once
            } finally {
                writeRole.release();
            }
        }
        carrier.close();
    }

    @Override
    public String toString() {
        return "TLS channel with " + peer;
    }
}
