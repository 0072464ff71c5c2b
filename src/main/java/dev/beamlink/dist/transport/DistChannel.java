package dev.beamlink.dist.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A byte stream to one peer node: what the handshake and the connection read and write, whatever
 * carries it (TCP, or TLS: dev.beamlink.dist.transport.tls). Reads and writes block; one thread reads and one thread writes.
 * {@link #close()} may be called from any thread and makes a blocked read or write fail at once:
 * deadlines and lost-peer detection close the channel rather than time out reads.
 */
public interface DistChannel extends Closeable {

    /**
     * Reads at least one byte into {@code target} (up to its remaining space).
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    int read(ByteBuffer target) throws IOException;

    /**
     * Reads at least one byte into {@code target}, and, when the carrier has more than {@code target} holds, up to
     * {@code then}'s remaining space of the bytes after them into {@code then} (a scattering read: one system call
     * reads a frame's last bytes where they belong and the next frame's start into a buffer of the reader's). The
     * default reads into {@code target} alone.
     *
     * @return the number of bytes read into both, or -1 at the end of the stream
     */
    default int read(ByteBuffer target, ByteBuffer then) throws IOException {
        return read(target);
    }

    /**
     * Waits until input is there to read, or {@code timeoutNanos} passed (negative: no limit). Called only by the one
     * thread that reads, between reads; a connection whose input stops for a while lets its reading thread go, and
     * waits on a virtual thread instead, which holds no thread of the operating system while it waits. The default says
     * that input may be there at once, so that {@link #read} waits as long as it takes: a carrier that cannot wait
     * with a limit keeps its reading thread.
     *
     * @return true when a read may return bytes at once (it may still wait, rarely), false when the time passed
     */
    default boolean awaitInput(long timeoutNanos) throws IOException {
        return true;
    }

    /** Writes all remaining bytes of {@code sources}, in order (a gathering write where the carrier has one). */
    void write(ByteBuffer[] sources) throws IOException;

    /**
     * Writes as many of the remaining bytes of {@code sources} as the carrier takes without waiting, in order, and
     * advances their positions. Called only by the one thread that writes at the time. The default takes none: a
     * carrier that cannot write without waiting leaves every write to {@link #write}.
     *
     * @return the number of bytes written, 0 when none could be
     */
    default long tryWrite(ByteBuffer[] sources) throws IOException {
        return 0;
    }

    /**
     * {@return how many bytes carry the length of each distribution handshake message on this channel}: 2, as
     * erl_dist_protocol "Distribution Handshake" says ({@code {packet, 2}}); OTP's {@code inet_tls_dist} keeps its TLS
     * socket's {@code {packet, 4}} through the handshake, so a TLS channel says 4. The frames after the handshake have
     * 4 either way.
     */
    default int handshakeLengthSize() {
        return 2;
    }

    /** {@return the peer's address, for logs} */
    SocketAddress remoteAddress();

    /** {@return whether the channel is still open} */
    boolean isOpen();

    /** Closes the channel; idempotent, callable from any thread. */
    @Override
    void close();
}
