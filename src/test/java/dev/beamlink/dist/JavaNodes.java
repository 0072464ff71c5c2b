package dev.beamlink.dist;

import dev.beamlink.testing.Epmd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** Java nodes for tests: unique names, loopback only, a test EPMD, the interop cookie. */
final class JavaNodes {

    static final String COOKIE = "dist-interop-cookie";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private JavaNodes() {
    }

    /** {@return a unique short name on localhost} */
    static String uniqueName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet() + "@localhost";
    }

    /** {@return a builder of a node with a unique short name, registered with {@code epmd}, on loopback} */
    static DistributedNode.Builder builder(String prefix, Epmd epmd) {
        return builder(uniqueName(prefix), epmd.port());
    }

    static DistributedNode.Builder builder(String name, int epmdPort) {
        return DistributedNode.builder(name).cookie(COOKIE).epmdPort(epmdPort)
                .listenAddress(InetAddress.getLoopbackAddress());
    }

    static DistributedNode start(DistributedNode.Builder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
