package dev.beamlink.epmd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Reads the fields of one EPMD message from a socket, against one deadline for the whole message: a peer
 * that trickles bytes cannot stretch the wait, as a per-read time-out would let it. Input that ends inside
 * a field is a {@link WireFormatException} naming the field; the deadline passing is a
 * {@link SocketTimeoutException}.
 *
 * <p>Fields are read through a small buffer; {@link #bytes(int, String)} is only called with lengths the
 * caller has checked against a limit, so no claimed length is allocated before it is known to be sane.
 */
final class WireInput {

    private static final int BUFFER_SIZE = 4096;

    private final InputStream in;
    private final Socket socket;
    private final Duration timeout;
    private final long deadlineNanos;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private long received;

    private WireInput(InputStream in, Socket socket, Duration timeout) {
        this.in = in;
        this.socket = socket;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** {@return a reader of the socket whose whole message must arrive within {@code timeout} from now} */
    static WireInput of(Socket socket, Duration timeout) throws IOException {
        return new WireInput(socket.getInputStream(), socket, timeout);
    }

    /** {@return a reader of a stream without a deadline (for bytes already at hand)} */
    static WireInput of(InputStream in) {
        return new WireInput(in, null, Duration.ofDays(365));
    }

    int u8(String field) throws IOException {
        require(1, field);
        return buffer[position++] & 0xFF;
    }

    int u16(String field) throws IOException {
        require(2, field);
        int value = (buffer[position] & 0xFF) << 8 | buffer[position + 1] & 0xFF;
        position += 2;
        return value;
    }

    /** {@return the 32 bits of a big-endian unsigned integer, in an int} */
    int u32(String field) throws IOException {
        require(4, field);
        int value = (buffer[position] & 0xFF) << 24 | (buffer[position + 1] & 0xFF) << 16
                | (buffer[position + 2] & 0xFF) << 8 | buffer[position + 3] & 0xFF;
        position += 4;
        return value;
    }

    /** {@return the next {@code length} bytes; the caller has bounded {@code length}} */
    byte[] bytes(int length, String field) throws IOException {
        byte[] out = new byte[length];
        int copied = 0;
        while (copied < length) {
            if (position == limit && !fill()) {
                throw WireFormatException.truncated(field, length, copied);
            }
            int chunk = Math.min(length - copied, limit - position);
            System.arraycopy(buffer, position, out, copied, chunk);
            position += chunk;
            copied += chunk;
        }
        return out;
    }

    /** {@return every byte up to the end of the input, at most {@code max} of them} */
    byte[] rest(int max, String field) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (position == limit && !fill()) {
                return out.toByteArray();
            }
            int chunk = limit - position;
            if (out.size() + chunk > max) {
                throw WireFormatException.field(field + " length", "> " + max, "<= " + max);
            }
            out.write(buffer, position, chunk);
            position = limit;
        }
    }

    /** {@return whether the input ended before any byte of the message} */
    boolean endsBeforeMessage() throws IOException {
        return position == limit && !fill();
    }

    /** {@return how many bytes were read past the fields consumed so far} */
    int unconsumed() {
        return limit - position;
    }

    private SocketTimeoutException timedOut() {
        return new SocketTimeoutException("no complete message within " + timeout + " (received: " + received + " bytes)");
    }

    private void require(int count, String field) throws IOException {
        if (limit - position >= count) {
            return;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        while (limit < count) {
            if (!fill()) {
                throw WireFormatException.truncated(field, count, limit);
            }
        }
    }

    /** Reads more bytes after {@code limit}; {@return false at the end of the input} */
    private boolean fill() throws IOException {
        if (position == limit) {
            position = 0;
            limit = 0;
        }
        if (socket != null) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw timedOut();
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceilDiv(left, 1_000_000L))));
        }
        int read;
        try {
            read = in.read(buffer, limit, buffer.length - limit);
        } catch (SocketTimeoutException e) {
            SocketTimeoutException timedOut = timedOut();
            timedOut.initCause(e);
            throw timedOut;
        }
        if (read < 0) {
            return false;
        }
        received += read;
        limit += read;
        return true;
    }
}
