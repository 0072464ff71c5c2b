package dev.beamlink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports for test servers. */
public final class FreePorts {

    private FreePorts() {
    }

    /** {@return a TCP port on loopback that was free a moment ago} */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** {@return whether something accepts TCP connections on the loopback port within {@code timeout}} */
    public static boolean awaitListening(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        } while (System.nanoTime() < deadline);
        return false;
    }
}
