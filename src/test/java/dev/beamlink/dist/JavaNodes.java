package dev.beamlink.dist;

import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.NodeNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;

/** Java nodes for tests: unique names, loopback only, a test EPMD, the interop cookie. */
final class JavaNodes {

    static final String COOKIE = "dist-interop-cookie";

    private JavaNodes() {
    }

    /** {@return a short name on localhost unique to the run, also among the launcher's erl nodes} */
    static String uniqueName(String prefix) {
        return NodeNames.unique(prefix) + "@localhost";
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
