package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.DistListener;
import dev.beamlink.dist.transport.DistTransport;
import dev.beamlink.dist.transport.TcpTransport;
import dev.beamlink.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The accept loop survives any error of its listener (issue 14, item 2): a listener whose accept fails, as it does
 * when the process is out of file descriptors, and then throws an unexpected runtime exception, still gets the next
 * peer's connection through, once it accepts again.
 */
class AcceptLoopTest {

    /** A plain TCP transport whose listener fails its first accepts: with EMFILE's message, then a runtime exception. */
    private static final class FailingTransport implements DistTransport {
        private final TcpTransport tcp = new TcpTransport();
        private final AtomicInteger accepts = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();

        @Override
        public DistListener listen(InetSocketAddress address) throws IOException {
            DistListener listener = tcp.listen(address);
            return new DistListener() {
                @Override
                public DistChannel accept() throws IOException {
                    int accept = accepts.incrementAndGet();
                    if (accept <= 6) {
                        failures.incrementAndGet();
                        if (accept == 6) {
                            throw new IllegalStateException("a listener that fails in a way nobody planned for");
                        }
                        throw new IOException("Too many open files");
                    }
                    return listener.accept();
                }

                @Override
                public InetSocketAddress localAddress() {
                    return listener.localAddress();
                }

                @Override
                public void close() {
                    listener.close();
                }
            };
        }

        @Override
        public DistChannel connect(InetSocketAddress address, Duration timeout) throws IOException {
            return tcp.connect(address, timeout);
        }
    }

    @Test
    void aPeerConnectsAfterTheListenerFailedAndRecovered() {
        int epmdPort = FreePorts.pick();
        FailingTransport failing = new FailingTransport();
        try (DistributedNode node = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("accepts"), epmdPort)
                     .startEpmdIfNoneAnswers(true).transport(failing));
             DistributedNode peer = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("peer"), epmdPort))) {
            assertTrue(peer.ping(node.name()), "the peer connects once the listener accepts again");
            assertEquals(6, failing.failures.get(), "five failed accepts and a runtime exception came first");
        }
    }
}
