package dev.beamlink.epmd;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A client of EPMD, the Erlang Port Mapper Daemon: registers a node, looks nodes up, lists names. Works
 * against OTP's {@code epmd} and against {@link EpmdServer}. Immutable and thread-safe; every call opens
 * its own connection, as EPMD expects (it closes the connection after each reply, except a registration's).
 *
 * <pre>{@code
 * EpmdClient epmd = EpmdClient.create();                      // loopback; ERL_EPMD_PORT or 4369
 * try (EpmdRegistration registration = epmd.register(NodeEntry.of("java", distributionPort))) {
 *     int creation = registration.creation();                  // for pids, ports and refs of this node
 *     Optional<NodeEntry> peer = epmd.withHost("peerhost").lookup("erl");  // empty: not registered
 *     List<RegisteredName> all = epmd.names();
 * }                                                            // closing unregisters
 * }</pre>
 *
 * <p>The host and port come from the builder; without a port, from the {@code ERL_EPMD_PORT} environment
 * variable; without that, {@value EpmdProtocol#DEFAULT_PORT}. Without a host, the loopback address.
 */
public final class EpmdClient {

    /** Default time allowed for EPMD to accept a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Default time allowed for a whole reply to arrive. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final InetAddress address;
    private final int port;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    private EpmdClient(String host, InetAddress address, int port, Duration connectTimeout, Duration readTimeout) {
        this.host = host;
        this.address = address;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** {@return a client of the EPMD on loopback, at {@code ERL_EPMD_PORT} or 4369, with the default time-outs} */
    public static EpmdClient create() {
        return builder().build();
    }

    /** {@return a builder of a client} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the host name or address this client connects to} */
    public String host() {
        return address != null ? address.getHostAddress() : host;
    }

    /** {@return the EPMD port this client connects to} */
    public int port() {
        return port;
    }

    /** {@return the time allowed for EPMD to accept a connection} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return the time allowed for a whole reply} */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return a client of the EPMD on another host, with this client's port and time-outs} */
    public EpmdClient withHost(String otherHost) {
        return new EpmdClient(Objects.requireNonNull(otherHost, "host"), null, port, connectTimeout, readTimeout);
    }

    /**
     * Registers a node ({@code ALIVE2_REQ}). The registration lives as long as the returned handle's
     * connection: close the handle to unregister.
     *
     * @return the open registration, with the creation EPMD gave the node (from {@code ALIVE2_X_RESP}, or
     *         from the older {@code ALIVE2_RESP} when the node registers a highest version below 6)
     * @throws EpmdNameInUseException   if EPMD refused the registration: a live node holds the name
     * @throws EpmdUnreachableException if EPMD cannot be reached
     * @throws EpmdTimeoutException     if EPMD did not answer within the read time-out
     * @throws EpmdProtocolException    if the reply was malformed or cut short
     */
    public EpmdRegistration register(NodeEntry node) throws EpmdException {
        String request = "ALIVE2_REQ for '" + node.name() + "'";
        Socket socket = connect();
        try {
            send(socket, RequestEncoder.alive2(node), request);
            ReplyDecoder.Alive2Reply reply = receive(socket, request, ReplyDecoder::alive2);
            if (reply.result() != EpmdProtocol.RESULT_OK) {
                throw new EpmdNameInUseException("EPMD at " + target() + " refused to register '" + node.name()
                        + "' (result: " + reply.result() + "): the name is registered already", node.name(), reply.result());
            }
            socket.setSoTimeout(0);
            return EpmdRegistration.open(socket, node, reply.creation(), target());
        } catch (EpmdException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new EpmdUnreachableException("connection to EPMD at " + target() + " failed after " + request + ": " + e.getMessage(), e);
        }
    }

    /**
     * Registers a normal node over TCP/IPv4 with distribution version 6 and no extra: {@code register(NodeEntry.of(name, port))}.
     *
     * @see #register(NodeEntry)
     */
    public EpmdRegistration register(String name, int port) throws EpmdException {
        return register(NodeEntry.of(name, port));
    }

    /**
     * Looks a node up ({@code PORT_PLEASE2_REQ}).
     *
     * @param name the node name without {@code @host}
     * @return the node's entry from {@code PORT2_RESP}, or empty if no node of that name is registered
     * @throws IllegalArgumentException if the name is no valid node name (empty, too long, NUL, {@code @})
     * @throws EpmdUnreachableException if EPMD cannot be reached
     * @throws EpmdTimeoutException     if EPMD did not answer within the read time-out
     * @throws EpmdProtocolException    if the reply was malformed or cut short
     */
    public Optional<NodeEntry> lookup(String name) throws EpmdException {
        EpmdNameRules.requireValid(name);
        return exchange("PORT_PLEASE2_REQ for '" + name + "'", RequestEncoder.portPlease2(name), in -> ReplyDecoder.port2(in, name));
    }

    /**
     * Looks up a node by its full name, {@code name@host}, at the EPMD of its host: what connecting to a node
     * starts with. The same as {@code withHost(host).lookup(name)}.
     *
     * @param nodeName the full node name, such as {@code "erl@localhost"} or {@code "erl@10.0.0.7"}
     * @return the node's entry, or empty if the host's EPMD holds no such name
     * @throws IllegalArgumentException if {@code nodeName} is not {@code name@host} with a valid name
     * @throws EpmdException            as {@link #lookup(String)}
     */
    public Optional<NodeEntry> lookupNode(String nodeName) throws EpmdException {
        int at = nodeName.indexOf('@');
        if (at <= 0 || at == nodeName.length() - 1) {
            throw new IllegalArgumentException("node name '" + nodeName + "' is not name@host");
        }
        return withHost(nodeName.substring(at + 1)).lookup(nodeName.substring(0, at));
    }

    /**
     * Lists the registered nodes ({@code NAMES_REQ}).
     *
     * @return the names and ports, in EPMD's order
     * @throws EpmdUnreachableException if EPMD cannot be reached
     * @throws EpmdTimeoutException     if EPMD did not answer within the read time-out
     * @throws EpmdProtocolException    if the reply was malformed, cut short, or longer than 4 MiB
     */
    public List<RegisteredName> names() throws EpmdException {
        return exchange("NAMES_REQ", RequestEncoder.names(), ReplyDecoder::names);
    }

    /**
     * {@return whether something accepts connections at this client's EPMD address within the connect
     * time-out} A cheap probe (connect, then close, without a request) for "start an embedded EPMD when
     * none answers"; see {@link EpmdServer.Builder#startIfNoneAnswers()}.
     */
    public boolean isReachable() {
        try {
            closeQuietly(connect());
            return true;
        } catch (EpmdUnreachableException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "EpmdClient[" + target() + ", connect " + connectTimeout + ", read " + readTimeout + "]";
    }

    private <T> T exchange(String request, byte[] bytes, ReplyReader<T> reader) throws EpmdException {
        Socket socket = connect();
        try {
            send(socket, bytes, request);
            return receive(socket, request, reader);
        } catch (EpmdException e) {
            throw e;
        } catch (IOException e) {
            throw new EpmdUnreachableException("connection to EPMD at " + target() + " failed during " + request + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(socket);
        }
    }

    private Socket connect() throws EpmdUnreachableException {
        Socket socket = new Socket();
        try {
            InetSocketAddress endpoint = address != null ? new InetSocketAddress(address, port) : new InetSocketAddress(host, port);
            if (endpoint.isUnresolved()) {
                throw new UnknownHostException(host);
            }
            socket.setTcpNoDelay(true);
            socket.connect(endpoint, timeoutMillis(connectTimeout));
            return socket;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new EpmdUnreachableException("EPMD at " + target() + " did not accept a connection within " + connectTimeout, e);
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new EpmdUnreachableException("EPMD host " + host + " is unknown", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new EpmdUnreachableException("EPMD at " + target() + " is unreachable: " + e.getMessage(), e);
        }
    }

    private void send(Socket socket, byte[] bytes, String request) throws EpmdUnreachableException {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new EpmdUnreachableException("could not send " + request + " to EPMD at " + target() + ": " + e.getMessage(), e);
        }
    }

    private <T> T receive(Socket socket, String request, ReplyReader<T> reader) throws EpmdException, IOException {
        try {
            return reader.read(WireInput.of(socket, readTimeout));
        } catch (SocketTimeoutException e) {
            throw new EpmdTimeoutException("EPMD at " + target() + " did not answer " + request + ": " + e.getMessage(), readTimeout, e);
        } catch (WireFormatException e) {
            throw new EpmdProtocolException("malformed reply from EPMD at " + target() + " to " + request + ": " + e.getMessage(),
                    e.expected(), e.received(), e);
        }
    }

    private String target() {
        return host() + ":" + port;
    }

    private static int timeoutMillis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do: the socket is being dropped.
        }
    }

    @FunctionalInterface
    private interface ReplyReader<T> {
        T read(WireInput in) throws IOException;
    }

    /** Options of an {@link EpmdClient}; every one has a default. */
    public static final class Builder {

        private String host;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = -1;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private UnaryOperator<String> environment = System::getenv;

        private Builder() {
        }

        /** The host of EPMD, by name or address (default: the loopback address). */
        public Builder host(String name) {
            this.host = Objects.requireNonNull(name, "host");
            this.address = null;
            return this;
        }

        /** The address of EPMD (default: the loopback address). */
        public Builder address(InetAddress epmdAddress) {
            this.address = Objects.requireNonNull(epmdAddress, "address");
            this.host = null;
            return this;
        }

        /** The EPMD port, 1 to 65535 (default: {@code ERL_EPMD_PORT}, else {@value EpmdProtocol#DEFAULT_PORT}). */
        public Builder port(int epmdPort) {
            this.port = Arguments.inRange("port", epmdPort, 1, 0xFFFF);
            return this;
        }

        /** Time allowed for EPMD to accept a connection (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Arguments.positive("connectTimeout", timeout);
            return this;
        }

        /** Time allowed for a whole reply to arrive (default 5 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Arguments.positive("readTimeout", timeout);
            return this;
        }

        /** Where {@code ERL_EPMD_PORT} is read (default: the process environment); for tests. */
        Builder environment(UnaryOperator<String> variables) {
            this.environment = variables;
            return this;
        }

        /**
         * {@return the client}
         *
         * @throws IllegalStateException if no port was given and {@code ERL_EPMD_PORT} is no port number
         */
        public EpmdClient build() {
            int resolvedPort = port > 0 ? port : EpmdPorts.fromEnvironment(environment);
            return new EpmdClient(host, address, resolvedPort, connectTimeout, readTimeout);
        }
    }
}
