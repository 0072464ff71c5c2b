package dev.beamlink.dist.transport.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.DistListener;
import dev.beamlink.testing.tls.TestPki;
import dev.beamlink.testing.tls.TlsKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel contract over TLS ({@link dev.beamlink.dist.transport.DistChannel}): one thread reads while another
 * writes, {@code tryWrite} never waits, {@code close} from any thread ends a blocked read or write; the stream arrives
 * whole and in order whatever the sizes of reads and writes; the TLS handshake runs on the first read or write.
 */
class TlsChannelTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Threads of their own for the blocking sides of a test (the common pool may have one thread on two cores). */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "tls-channel-test");
        thread.setDaemon(true);
        return thread;
    });

    @TempDir
    Path directory;
    private TlsKit tls;
    private TlsTransport transport;

    @BeforeEach
    void makeKit() {
        tls = TlsKit.create(directory);
        transport = JavaTls.transport(tls);
    }

    /** A connected pair of channels, the TLS handshake not yet run. */
    private record Pair(DistListener listener, DistChannel client, DistChannel server) implements AutoCloseable {

        static Pair open(TlsTransport serverSide, TlsTransport clientSide) throws Exception {
            DistListener listener = serverSide.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<DistChannel> accepted = async(() -> {
                try {
                    return listener.accept();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            DistChannel client = clientSide.connect(new InetSocketAddress("localhost", listener.localAddress().getPort()),
                    Duration.ofSeconds(5));
            return new Pair(listener, client, accepted.get(10, TimeUnit.SECONDS));
        }

        @Override
        public void close() {
            client.close();
            server.close();
            listener.close();
        }
    }

    private static <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, THREADS);
    }

    private static CompletableFuture<Void> asyncRun(Runnable work) {
        return CompletableFuture.runAsync(work, THREADS);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes {@code bytes} in pieces of varied sizes, several buffers to a write. */
    private static void writeInPieces(DistChannel channel, byte[] bytes, long seed) throws IOException {
        Random sizes = new Random(seed);
        int at = 0;
        while (at < bytes.length) {
            int count = 1 + sizes.nextInt(3);
            ByteBuffer[] sources = new ByteBuffer[count];
            for (int i = 0; i < count; i++) {
                int size = Math.min(bytes.length - at, 1 + sizes.nextInt(i == 0 ? 70_000 : 300));
                sources[i] = ByteBuffer.wrap(bytes, at, size);
                at += size;
            }
            channel.write(sources);
        }
    }

    /** Reads {@code size} bytes with reads of varied room, from one byte to a megabyte. */
    private static byte[] readInPieces(DistChannel channel, int size) throws IOException {
        byte[] into = new byte[size];
        int[] rooms = {1, 7, 100, 16_384, 1 << 20, 3};
        int at = 0;
        for (int i = 0; at < size; i++) {
            ByteBuffer target = ByteBuffer.wrap(into, at, Math.min(size - at, rooms[i % rooms.length]));
            int n = channel.read(target);
            if (n < 0) {
                throw new IOException("the end of the stream after " + at + " of " + size + " bytes");
            }
            at += n;
        }
        return into;
    }

    @Test
    void theHandshakeRunsOnTheFirstWriteAndBytesGoBothWays() throws Exception {
        try (Pair pair = Pair.open(transport, transport)) {
            assertEquals(4, pair.client().handshakeLengthSize(), "inet_tls_dist frames its handshake with 4-byte lengths");
            assertEquals(0, pair.client().tryWrite(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1})}),
                    "no TLS handshake yet: a sender's try takes nothing");
            CompletableFuture<byte[]> read = async(() -> {
                try {
                    return readInPieces(pair.server(), 5);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            pair.client().write(new ByteBuffer[] {ByteBuffer.wrap("hello".getBytes())});
            assertArrayEquals("hello".getBytes(), read.get(10, TimeUnit.SECONDS));
            pair.server().write(new ByteBuffer[] {ByteBuffer.wrap("hi".getBytes())});
            assertArrayEquals("hi".getBytes(), readInPieces(pair.client(), 2));
        }
    }

    @Test
    void readsAndWritesOfEverySizeCarryTheStreamWholeAndInOrder() throws Exception {
        byte[] sent = random(3 << 20, 1);
        try (Pair pair = Pair.open(transport, transport)) {
            CompletableFuture<Void> writing = asyncRun(() -> {
                try {
                    writeInPieces(pair.client(), sent, 2);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertTimeoutPreemptively(TIMEOUT, () -> assertArrayEquals(sent, readInPieces(pair.server(), sent.length)));
            writing.get(10, TimeUnit.SECONDS);
        }
    }

    /** Each side reads on one thread and writes on another, 16 MiB each way at once: neither waits on the other. */
    @Test
    void bothSidesReadAndWriteAtOnceOnThreadsOfTheirOwn() throws Exception {
        byte[] up = random(16 << 20, 3);
        byte[] down = random(16 << 20, 4);
        try (Pair pair = Pair.open(transport, transport)) {
            List<CompletableFuture<?>> work = List.of(
                    asyncRun(() -> run(() -> writeInPieces(pair.client(), up, 5))),
                    asyncRun(() -> run(() -> writeInPieces(pair.server(), down, 6))),
                    asyncRun(() -> run(() -> assertArrayEquals(up, readInPieces(pair.server(), up.length)))),
                    asyncRun(() -> run(() -> assertArrayEquals(down, readInPieces(pair.client(), down.length)))));
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void run(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sender's {@code tryWrite} takes what the socket takes and never waits: against a peer that does not read, it
     * soon takes nothing (what it took and the socket did not is written by a thread of the channel's own); once the
     * peer reads, everything arrives, in order, and the next write goes through.
     */
    @Test
    void tryWriteNeverWaitsAndWhatItTookArrivesInOrder() throws Exception {
        try (Pair pair = Pair.open(transport, transport)) {
            handshake(pair);
            byte[] chunk = random(16 << 10, 7);
            long taken = 0;
            int zeros = 0;
            long start = System.nanoTime();
            while (zeros < 50 && System.nanoTime() - start < TIMEOUT.toNanos()) {
                ByteBuffer source = ByteBuffer.wrap(chunk, (int) (taken % chunk.length), chunk.length - (int) (taken % chunk.length));
                long n = pair.client().tryWrite(new ByteBuffer[] {source});
                assertEquals(n, source.position() - (int) (taken % chunk.length), "the positions advance by what was taken");
                taken += n;
                zeros = n == 0 ? zeros + 1 : 0;
            }
            assertEquals(50, zeros, "the peer does not read: the socket fills, and tryWrite takes nothing");
            assertTrue(taken > 0);
            byte[] expected = new byte[(int) taken];
            for (int i = 0; i < taken; i++) {
                expected[i] = chunk[i % chunk.length];
            }
            long total = taken;
            assertTimeoutPreemptively(TIMEOUT, () -> assertArrayEquals(expected, readInPieces(pair.server(), (int) total)));
            pair.client().write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {42})});
            assertArrayEquals(new byte[] {42}, readInPieces(pair.server(), 1));
        }
    }

    private static void handshake(Pair pair) throws Exception {
        CompletableFuture<byte[]> read = async(() -> {
            try {
                return readInPieces(pair.server(), 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        pair.client().write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {0})});
        read.get(10, TimeUnit.SECONDS);
    }

    @Test
    void closeFromAnotherThreadEndsABlockedReadAndABlockedWrite() throws Exception {
        try (Pair pair = Pair.open(transport, transport)) {
            handshake(pair);
            CompletableFuture<Object> reading = async(() -> outcome(
                    () -> pair.server().read(ByteBuffer.allocate(64))));
            byte[] big = random(64 << 20, 8);
            CompletableFuture<Object> writing = async(() -> outcome(() -> {
                pair.client().write(new ByteBuffer[] {ByteBuffer.wrap(big)});
                return "written";
            }));
            Thread.sleep(300);
            assertTrue(!writing.isDone(), "the peer reads nothing: the write waits");
            pair.client().close();
            assertInstanceOf(IOException.class, writing.get(10, TimeUnit.SECONDS), "the write ends with an IOException");
            assertTrue(!pair.client().isOpen());

            reading.get(10, TimeUnit.SECONDS); // the server's one read got some of the bytes, or the end
            CompletableFuture<Object> blocked = async(() -> outcome(() -> {
                ByteBuffer target = ByteBuffer.allocate(64 << 20);
                while (true) {
                    if (pair.server().read(target) < 0) {
                        return "the end of the stream";
                    }
                    target.clear();
                }
            }));
            Thread.sleep(300);
            pair.server().close();
            Object ended = blocked.get(10, TimeUnit.SECONDS);
            assertTrue(ended instanceof IOException || ended.equals("the end of the stream"), () -> "the read ended with " + ended);
        }
        try (Pair pair = Pair.open(transport, transport)) {
            handshake(pair);
            CompletableFuture<Object> reading = async(() -> outcome(
                    () -> pair.server().read(ByteBuffer.allocate(64))));
            Thread.sleep(300);
            assertTrue(!reading.isDone(), "nothing was sent: the read waits");
            pair.server().close();
            assertInstanceOf(IOException.class, reading.get(10, TimeUnit.SECONDS), "the read ends with an IOException");
        }
    }

    private interface IoCall {
        Object call() throws IOException;
    }

    private static Object outcome(IoCall call) {
        try {
            return call.call();
        } catch (IOException e) {
            return e;
        }
    }

    @Test
    void closeSendsCloseNotifyAndThePeerReadsTheEndOfTheStream() throws Exception {
        try (Pair pair = Pair.open(transport, transport)) {
            handshake(pair);
            pair.client().close();
            assertTimeoutPreemptively(TIMEOUT, () -> assertEquals(-1, pair.server().read(ByteBuffer.allocate(16))));
            assertEquals(-1, pair.server().read(ByteBuffer.allocate(16)), "and again");
        }
    }

    /** A JDK SSLSocket as the peer: it reads what we wrote; its socket closed without close_notify ends our stream. */
    @Test
    void aJdkTlsSocketIsAPeerAndItsEndWithoutCloseNotifyIsTheEndOfTheStream() throws Exception {
        DistListener listener = transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (listener; Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            DistChannel server = listener.accept();
            SSLSocket peer = (SSLSocket) jdkContext().getSocketFactory().createSocket(plain, "localhost",
                    plain.getPort(), false);
            CompletableFuture<Object> reading = async(() -> outcome(() -> readInPieces(server, 4)));
            OutputStream out = peer.getOutputStream();
            out.write(new byte[] {1, 2, 3, 4});
            out.flush();
            assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) reading.get(10, TimeUnit.SECONDS));
            server.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {5, 6})});
            InputStream in = peer.getInputStream();
            assertEquals(5, in.read());
            assertEquals(6, in.read());
            plain.close(); // the TCP connection ends, no close_notify sent
            assertTimeoutPreemptively(TIMEOUT, () -> assertEquals(-1, server.read(ByteBuffer.allocate(16))));
            server.close();
        }
    }

    /** The JDK's own client context with the kit's Java certificate, trusting the kit's CA. */
    private SSLContext jdkContext() throws Exception {
        char[] password = "p".toCharArray();
        KeyStore keys = KeyStore.getInstance(tls.ca().issue("jdk", TlsKit.HOSTS)
                .writeKeyStore(directory.resolve("jdk.p12"), password).toFile(), password);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
        keyManagers.init(keys, password);
        KeyStore trust = KeyStore.getInstance(TestPki.writeTrustStore(directory.resolve("jdk-trust.p12"), password,
                tls.ca().certificate()).toFile(), password);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    /** A server that takes the connection and never answers: closing the channel ends the handshake's wait. */
    @Test
    void aHandshakeWaitingOnASilentPeerEndsWhenTheChannelIsClosed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DistChannel client = transport.connect(new InetSocketAddress("localhost", silent.getLocalPort()),
                    Duration.ofSeconds(5));
            try (Socket accepted = silent.accept()) {
                CompletableFuture<Object> writing = async(() -> outcome(() -> {
                    client.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1})});
                    return "written";
                }));
                Thread.sleep(300);
                assertTrue(!writing.isDone(), "the handshake waits for the server's answer");
                client.close();
                assertInstanceOf(IOException.class, writing.get(10, TimeUnit.SECONDS));
                assertTrue(accepted.getInputStream().readNBytes(5).length > 0, "our ClientHello came");
            }
        }
    }

    /**
     * A node certificate issued by an intermediate CA, the certFile holding it alone: the chain is completed from the
     * caCertFile, as OTP does, so that a peer that trusts the root only takes it. Key stores work on both sides.
     */
    @Test
    void aChainIsCompletedFromTheCaFileAndKeyStoresServeAsWell() throws Exception {
        TestPki intermediate = tls.ca().intermediate("intermediate");
        TestPki.Issued leaf = intermediate.issue("leaf", TlsKit.HOSTS);
        Path caFile = directory.resolve("root-and-intermediate.pem");
        Files.writeString(caFile, Files.readString(tls.caFile())
                + Files.readString(intermediate.writeCertificate(directory.resolve("intermediate.pem"))));
        TlsOptions server = TlsOptions.builder().certFile(leaf.writeCertificate(directory.resolve("leaf.pem")))
                .keyFile(leaf.writeKey(directory.resolve("leaf.key"))).caCertFile(caFile).build();
        char[] password = "store".toCharArray();
        TlsOptions client = TlsOptions.builder()
                .keyStore(tls.ca().issue("client", TlsKit.HOSTS).writeKeyStore(directory.resolve("client.p12"), password), password)
                .trustStore(TestPki.writeTrustStore(directory.resolve("root.p12"), password, tls.ca().certificate()), password)
                .build();
        TlsTransport serverSide = TlsTransport.builder().server(server).client(server).build();
        TlsTransport clientSide = TlsTransport.builder().server(client).client(client).build();
        try (Pair pair = Pair.open(serverSide, clientSide)) {
            handshake(pair);
            pair.server().write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {9})});
            assertArrayEquals(new byte[] {9}, readInPieces(pair.client(), 1));
        }
    }
}
