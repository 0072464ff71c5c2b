package dev.beamlink.epmd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/** A test's raw TCP connection to an EPMD (real or embedded): writes bytes, reads what comes back and how the connection ended. */
final class RawConnection implements AutoCloseable {

    /** How a read ended. */
    enum End { CLOSED, RESET, STILL_OPEN }

    /** What came back within the wait, and how it ended. */
    record Reply(byte[] bytes, End end, Duration elapsed) {
        boolean closedWithoutReply() {
            return bytes.length == 0 && end != End.STILL_OPEN;
        }
    }

    private final Socket socket;

    private RawConnection(Socket socket) {
        this.socket = socket;
    }

    static RawConnection open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setTcpNoDelay(true);
        return new RawConnection(socket);
    }

    /** {@return the reply to one framed request (2-byte length, then {@code body}), read until the server closes or {@code wait} passes} */
    static Reply exchange(int port, byte[] body, Duration wait) throws IOException {
        try (RawConnection connection = open(port)) {
            connection.write(framed(body));
            return connection.read(wait);
        }
    }

    static byte[] framed(byte[] body) {
        return ByteBuffer.allocate(2 + body.length).putShort((short) body.length).put(body).array();
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads exactly {@code count} bytes (or fewer if the connection ends), waiting at most {@code wait}. */
    byte[] readExactly(int count, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        return socket.getInputStream().readNBytes(count);
    }

    /** Reads until the server closes the connection, or until {@code wait} passes without its closing. */
    Reply read(Duration wait) throws IOException {
        return read(wait, wait);
    }

    /**
     * Reads until the server closes the connection, or until it has answered something and then stayed
     * quiet for {@code quiet}, or until {@code limit} passes: a slow server under load still gets
     * {@code limit} to answer, while a connection kept open after its answer costs only {@code quiet}.
     */
    Reply read(Duration quiet, Duration limit) throws IOException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        End end;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                end = End.STILL_OPEN;
                break;
            }
            long wait = out.size() > 0 ? Math.min(left, quiet.toNanos()) : left;
            socket.setSoTimeout((int) Math.max(1, wait / 1_000_000));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    end = End.CLOSED;
                    break;
                }
                out.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                end = End.STILL_OPEN;
                break;
            } catch (SocketException e) {
                end = End.RESET;
                break;
            }
        }
        return new Reply(out.toByteArray(), end, Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
