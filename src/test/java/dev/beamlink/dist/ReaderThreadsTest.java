package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import dev.beamlink.testing.Epmd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many busy connections read on at most twice the processors' platform threads ({@link ConnectionSettings#platformReaders()}):
 * the others read on virtual threads.
 */
@Tag("interop")
@PlainTcp
class ReaderThreadsTest {

    @Test
    void busyConnectionsBeyondTheLimitReadOnVirtualThreads() throws Exception {
        int limit = 2 * Runtime.getRuntime().availableProcessors();
        int peers = limit + 4;
        try (Epmd epmd = Epmd.start();
             DistributedNode java = JavaNodes.start(JavaNodes.builder("readers", epmd))) {
            java.node().register(Atom.of("drain"), java.node().spawn(self -> {
                while (true) {
                    self.receive();
                }
            }));
            AtomicBoolean sending = new AtomicBoolean(true);
            List<Thread> senders = new ArrayList<>();
            List<DistChannel> channels = new ArrayList<>();
            for (int i = 0; i < peers; i++) {
                String name = JavaNodes.uniqueName("busy");
                DistChannel channel = RawPeers.authenticated(java, name, 0);
                channels.add(channel);
                senders.add(Thread.ofVirtual().start(() -> regSendUntil(channel, name, sending)));
            }
            int most = 0;
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                most = Math.max(most, platformReaders());
                Thread.sleep(20);
            }
            sending.set(false);
            for (Thread sender : senders) {
                sender.join();
            }
            for (DistChannel channel : channels) {
                channel.close();
            }
            assertTrue(most <= limit, most + " platform reader threads for " + peers + " busy connections (limit " + limit + ")");
            assertTrue(most > 0, "busy connections read on platform threads up to the limit");
        }
    }

    private static int platformReaders() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isVirtual() && t.getName().startsWith("beamlink-dist-reader-busy")).count();
    }

    /** REG_SEND frames ({6, From, '', drain}, pass-through) of a small message, a batch a write, until told to stop. */
    private static void regSendUntil(DistChannel channel, String peer, AtomicBoolean sending) {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        byte[] control = Etf.encode(Tuple.of(Int.of(6), new Pid(Atom.of(peer), 1, 0, 5), Atom.of(""), Atom.of("drain")));
        byte[] message = Etf.encode(Int.of(42));
        for (int i = 0; i < 50; i++) {
            batch.writeBytes(ByteBuffer.allocate(5).putInt(1 + control.length + message.length).put((byte) 112).array());
            batch.writeBytes(control);
            batch.writeBytes(message);
        }
        byte[] bytes = batch.toByteArray();
        try {
            while (sending.get()) {
                channel.write(new ByteBuffer[] {ByteBuffer.wrap(bytes)});
                Thread.sleep(1);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
