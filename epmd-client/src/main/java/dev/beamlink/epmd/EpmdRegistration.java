package dev.beamlink.epmd;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's registration with EPMD, alive as long as its connection: EPMD unregisters the node when the
 * connection closes ("The connection created to the EPMD must be kept as long as the node is a
 * distributed node"). {@link #close()} unregisters; {@link #whenLost()} tells when EPMD ended it first
 * (EPMD stopped or killed), so that the node can register again.
 *
 * <p>A virtual thread waits on the connection to notice its end; it sends nothing, since EPMD drops a
 * registration whose connection sends more bytes.
 */
public final class EpmdRegistration implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EpmdRegistration.class);

    private final Socket socket;
    private final NodeEntry node;
    private final int creation;
    private final String epmd;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> lost = new CompletableFuture<>();

    private EpmdRegistration(Socket socket, NodeEntry node, int creation, String epmd) {
        this.socket = socket;
        this.node = node;
        this.creation = creation;
        this.epmd = epmd;
    }

    /** {@return a registration on an open, registered connection, with its watcher started} */
    static EpmdRegistration open(Socket socket, NodeEntry node, int creation, String epmd) {
        EpmdRegistration registration = new EpmdRegistration(socket, node, creation, epmd);
        Thread.ofVirtual().name("epmd-registration-" + node.name()).start(registration::watch);
        return registration;
    }

    /** {@return what was registered} */
    public NodeEntry node() {
        return node;
    }

    /**
     * {@return the creation EPMD gave this registration} It is 32 bits unsigned (read it with
     * {@link Integer#toUnsignedLong(int)}), or 1 to 3 when EPMD answered with the older {@code ALIVE2_RESP}.
     * The node stamps it into its pids, ports and references, and sends it in the distribution handshake.
     */
    public int creation() {
        return creation;
    }

    /** {@return whether the registration holds: neither closed nor lost} */
    public boolean isOpen() {
        return !closed.get() && !lost.isDone();
    }

    /**
     * {@return a stage that completes when EPMD ends the registration before {@link #close()}} It never
     * completes if the registration is closed first.
     */
    public CompletionStage<Void> whenLost() {
        return lost.minimalCompletionStage();
    }

    /** Unregisters: closes the connection to EPMD. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing the EPMD registration of '{}' at {}", node.name(), epmd, e);
            }
        }
    }

    @Override
    public String toString() {
        return "EpmdRegistration[" + node.name() + " at " + epmd + ", creation " + Integer.toUnsignedString(creation)
                + (isOpen() ? "" : closed.get() ? ", closed" : ", lost") + "]";
    }

    private void watch() {
        String why;
        try {
            InputStream in = socket.getInputStream();
            int read = in.read();
            why = read < 0 ? "EPMD closed the connection" : "EPMD sent an unexpected byte " + read;
        } catch (IOException e) {
            why = "the connection failed: " + e.getMessage();
        }
        if (!closed.get()) {
            LOG.warn("registration of '{}' with EPMD at {} lost: {}", node.name(), epmd, why);
            try {
                socket.close();
            } catch (IOException ignored) {
                // Lost already.
            }
            lost.complete(null);
        }
    }
}
