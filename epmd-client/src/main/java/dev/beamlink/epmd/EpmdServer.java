package dev.beamlink.epmd;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An EPMD server a node can run inside its own JVM, so that a cluster of Java nodes needs no Erlang
 * installation; real Erlang nodes register with it and look nodes up through it as with {@code epmd}.
 *
 * <p>It serves {@code ALIVE2_REQ} (answering {@code ALIVE2_X_RESP}, or {@code ALIVE2_RESP} to nodes
 * below version 6, with a fresh creation per registration), {@code PORT_PLEASE2_REQ} and {@code NAMES_REQ},
 * and answers the rest as {@code epmd} (OTP 25, without {@code -relaxed_command_check}) does:
 * {@code DUMP_REQ} lists the live names; {@code KILL_REQ} answers "NO" while nodes are registered, else "OK"
 * and stops the server; {@code STOP_REQ} and unknown codes are closed unanswered; {@code ALIVE2_REQ},
 * {@code DUMP_REQ}, {@code KILL_REQ} and {@code STOP_REQ} are only served to peers on this host. A second
 * registration of a live name is refused; a name is dropped when its registering connection closes or
 * sends more bytes.
 *
 * <p>Every connection has a virtual thread of its own. A connection that does not deliver a complete
 * request within the packet time-out, sends a request longer than {@value EpmdProtocol#MAX_REQUEST_LENGTH}
 * bytes or one that breaks the format, is closed and the reason logged, without delaying the others.
 *
 * <pre>{@code
 * try (EpmdServer epmd = EpmdServer.start(InetAddress.getLoopbackAddress(), 4369)) { ... }
 * // or, for a node's "start an embedded EPMD when none answers":
 * Optional<EpmdServer> started = EpmdServer.builder().port(client.port()).startIfNoneAnswers();
 * }</pre>
 */
public final class EpmdServer implements AutoCloseable {

    /** How long a connection may take to deliver its request: 60 s, {@code epmd}'s {@code -packet_timeout}. */
    public static final Duration DEFAULT_PACKET_TIMEOUT = Duration.ofSeconds(60);

    /** How many connections are served at once by default; more are closed on accept. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(EpmdServer.class);
    private static final int BACKLOG = 128;
    private static final Duration ACCEPTOR_STOP_WAIT = Duration.ofSeconds(5);

    private final ServerSocket serverSocket;
    private final int port;
    private final Duration packetTimeout;
    private final Semaphore connectionSlots;
    private final NodeRegistry registry = new NodeRegistry();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread acceptor;

    private EpmdServer(ServerSocket serverSocket, Duration packetTimeout, int maxConnections) {
        this.serverSocket = serverSocket;
        this.port = serverSocket.getLocalPort();
        this.packetTimeout = packetTimeout;
        this.connectionSlots = new Semaphore(maxConnections);
    }

    /**
     * {@return a running server bound to {@code address} and {@code port}, with the default options}
     *
     * @throws BindException if the port is taken (another EPMD runs there, for instance)
     * @throws IOException   if the server socket cannot be opened
     */
    public static EpmdServer start(InetAddress address, int port) throws IOException {
        return builder().address(address).port(port).start();
    }

    /** {@return a builder of a server: loopback, {@code ERL_EPMD_PORT} or 4369, 60 s packet time-out} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the address and port the server listens on} */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** {@return the port the server listens on (the one chosen by the system if 0 was asked for)} */
    public int port() {
        return port;
    }

    /** {@return the live registrations, newest first, as {@code NAMES_REQ} lists them} */
    public List<RegisteredName> names() {
        return registry.newestFirst().stream()
                .map(node -> new RegisteredName(node.name(), node.request().port()))
                .toList();
    }

    /** {@return whether the server still accepts connections} */
    public boolean isRunning() {
        return !closed.get();
    }

    /**
     * Stops the server: closes the listening socket and every connection, which drops every registration.
     * When it returns, the port refuses connections.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("EPMD {}: closing the server socket", port, e);
        }
        connections.forEach(ServerConnection::close);
        awaitAcceptorEnd();
        LOG.debug("EPMD {}: stopped", port);
    }

    /**
     * The socket closes for good only once the thread blocked in accept has left it (the JDK defers the
     * close of a socket that a thread is blocked on); until then a connect could still succeed.
     */
    private void awaitAcceptorEnd() {
        Thread thread = acceptor;
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            if (!thread.join(ACCEPTOR_STOP_WAIT)) {
                LOG.warn("EPMD {}: the accepting thread did not end within {}", port, ACCEPTOR_STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "EpmdServer[" + localAddress() + (isRunning() ? "" : ", stopped") + "]";
    }

    NodeRegistry registry() {
        return registry;
    }

    Duration packetTimeout() {
        return packetTimeout;
    }

    void connectionEnded(ServerConnection connection) {
        if (connections.remove(connection)) {
            connectionSlots.release();
        }
    }

    private void startAccepting() {
        acceptor = Thread.ofVirtual().name("epmd-server-" + port).start(this::acceptLoop);
        LOG.debug("EPMD {}: listening on {}", port, localAddress());
    }

    private void acceptLoop() {
        while (isRunning()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (isRunning()) {
                    LOG.warn("EPMD {}: accept failed: {}", port, e.toString());
                    pauseAfterFailedAccept();
                }
                continue;
            }
            admit(socket);
        }
    }

    private void admit(Socket socket) {
        if (!connectionSlots.tryAcquire()) {
            LOG.warn("EPMD {}: refused connection from {}: {} connections are open already",
                    port, socket.getRemoteSocketAddress(), connections.size());
            closeQuietly(socket);
            return;
        }
        ServerConnection connection = new ServerConnection(this, socket, connectionIds.incrementAndGet());
        connections.add(connection);
        if (!isRunning()) {
            connection.close();
            connectionEnded(connection);
            return;
        }
        try {
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            LOG.debug("EPMD {}: TCP_NODELAY", port, e);
        }
        Thread.ofVirtual().name("epmd-server-" + port + "-connection-" + connection.id()).start(connection);
    }

    /** Keeps a failing accept (out of file descriptors, say) from spinning. */
    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Refused anyway.
        }
    }

    /** Options of an {@link EpmdServer}; every one has a default. */
    public static final class Builder {

        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = -1;
        private Duration packetTimeout = DEFAULT_PACKET_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private UnaryOperator<String> environment = System::getenv;

        private Builder() {
        }

        /** The address to listen on (default: loopback only). A wildcard address listens on every interface. */
        public Builder address(InetAddress listenAddress) {
            this.address = Objects.requireNonNull(listenAddress, "address");
            return this;
        }

        /** The port, 0 for one the system picks (default: {@code ERL_EPMD_PORT}, else {@value EpmdProtocol#DEFAULT_PORT}). */
        public Builder port(int listenPort) {
            this.port = Arguments.inRange("port", listenPort, 0, 0xFFFF);
            return this;
        }

        /** How long a connection may take to deliver a complete request before it is dropped (default 60 s). */
        public Builder packetTimeout(Duration timeout) {
            this.packetTimeout = Arguments.positive("packetTimeout", timeout);
            return this;
        }

        /** How many connections are served at once, registrations included (default 1024); more are closed on accept. */
        public Builder maxConnections(int max) {
            this.maxConnections = Arguments.inRange("maxConnections", max, 1, Integer.MAX_VALUE);
            return this;
        }

        /** Where {@code ERL_EPMD_PORT} is read (default: the process environment); for tests. */
        Builder environment(UnaryOperator<String> variables) {
            this.environment = variables;
            return this;
        }

        /**
         * {@return the running server}
         *
         * @throws BindException if the port is taken
         * @throws IOException   if the server socket cannot be opened
         */
        public EpmdServer start() throws IOException {
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(address, resolvedPort()), BACKLOG);
            } catch (IOException e) {
                socket.close();
                if (e instanceof BindException) {
                    BindException taken = new BindException("cannot listen on " + address.getHostAddress() + ":"
                            + resolvedPort() + " (another EPMD may run there): " + e.getMessage());
                    taken.initCause(e);
                    throw taken;
                }
                throw e;
            }
            EpmdServer server = new EpmdServer(socket, packetTimeout, maxConnections);
            server.startAccepting();
            return server;
        }

        /**
         * Starts a server unless an EPMD answers at this address and port already: the node option "start
         * an embedded EPMD when none answers". If another process takes the port between the probe and
         * the bind, and an EPMD answers there then, that one is used.
         *
         * @return the started server, or empty if an EPMD answers already (register with that one)
         * @throws IOException if no EPMD answers and none can be started
         */
        public Optional<EpmdServer> startIfNoneAnswers() throws IOException {
            InetAddress probeAddress = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
            EpmdClient probe = EpmdClient.builder().address(probeAddress).port(Math.max(1, resolvedPort())).build();
            if (resolvedPort() != 0 && probe.isReachable()) {
                return Optional.empty();
            }
            try {
                return Optional.of(start());
            } catch (BindException e) {
                if (probe.isReachable()) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        private int resolvedPort() {
            return port >= 0 ? port : EpmdPorts.fromEnvironment(environment);
        }
    }
}
