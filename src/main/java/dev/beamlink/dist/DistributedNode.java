package dev.beamlink.dist;

import dev.beamlink.dist.frame.FragmentLimits;
import dev.beamlink.dist.handshake.Cookie;
import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.dist.handshake.HandshakeConfig;
import dev.beamlink.dist.transport.DistListener;
import dev.beamlink.dist.transport.DistTransport;
import dev.beamlink.dist.transport.TcpTransport;
import dev.beamlink.epmd.EpmdClient;
import dev.beamlink.epmd.EpmdRegistration;
import dev.beamlink.epmd.EpmdServer;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.AtomTable;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Tuple;
import dev.beamlink.global.Global;
import dev.beamlink.global.internal.GlobalService;
import dev.beamlink.node.AliasMode;
import dev.beamlink.node.Down;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.node.internal.NodeInternals;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.otp.CallExit;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.kernel.KernelSupervisor;
import dev.beamlink.otp.kernel.NetKernel;
import dev.beamlink.otp.pg.Pg;
import dev.beamlink.otp.rpc.Exports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node of an Erlang cluster: a {@link Node} (its processes) joined to other nodes over the Erlang
 * distribution protocol. It listens for connections, is registered with EPMD as {@code name@host}, connects on
 * demand when a process sends to another node, answers {@code net_adm:ping/1}, and notices lost peers by ticks.
 *
 * <pre>{@code
 * try (DistributedNode java = DistributedNode.builder("java@localhost").cookie("secret").start()) {
 *     Atom erl = Atom.of("erl@localhost");
 *     boolean pong = java.ping(erl);                        // net_adm:ping('erl@localhost')
 *     try (Mailbox inbox = java.node().mailbox(Atom.of("inbox"))) {
 *         inbox.send(Atom.of("shell"), erl, Atom.of("hello"));   // {shell, 'erl@localhost'} ! hello
 *         Object reply = inbox.receive(Duration.ofSeconds(5));  // from erl: {inbox, 'java@localhost'} ! ...
 *         Ref ref = inbox.monitorNode(erl);                     // a NodeDown when the connection is lost
 *     }
 * }                                                         // peers see nodedown; EPMD forgets the name
 * }</pre>
 *
 * <p>The cookie is the one given, else the first line of {@code ~/.erlang.cookie} (made as erl makes it when
 * missing). EPMD is asked at the given host and port, else at {@code ERL_EPMD_PORT}, else 4369 on loopback;
 * {@link Builder#startEpmdIfNoneAnswers(boolean)} runs an EPMD inside the JVM when none answers there, so that
 * Java nodes need no Erlang installation. The creation EPMD hands out becomes the node's creation.
 *
 * <p>Closing the node closes every connection (peers get {@code nodedown}, links and monitors across fire
 * {@code noconnection}), unregisters from EPMD, ends every process with {@code shutdown}, and stops the embedded
 * EPMD if this node started one.
 */
public final class DistributedNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedNode.class);

    private final Node node;
    private final ConnectionTable table;
    private final DistListener listener;
    private final EpmdRegistration registration;
    private final EpmdServer embeddedEpmd;
    private final Attachment attachment;
    private final Acceptor acceptor;
    private final Thread acceptorThread;
    private final KernelSupervisor kernel;
    private final Thread ticker;
    private final Duration pingTimeout;
    private final GlobalService global;
    private final Exports exports;
    private final Pg pg;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DistributedNode(Node node, ConnectionTable table, DistListener listener,
                            EpmdRegistration registration, EpmdServer embeddedEpmd, Attachment attachment,
                            Acceptor acceptor, Thread acceptorThread, Thread ticker, Duration pingTimeout,
                            KernelSupervisor kernel, GlobalService global, Exports exports, Pg pg) {
        this.node = node;
        this.table = table;
        this.listener = listener;
        this.registration = registration;
        this.embeddedEpmd = embeddedEpmd;
        this.attachment = attachment;
        this.acceptor = acceptor;
        this.acceptorThread = acceptorThread;
        this.kernel = kernel;
        this.ticker = ticker;
        this.pingTimeout = pingTimeout;
        this.global = global;
        this.exports = exports;
        this.pg = pg;
    }

    /**
     * {@return a builder of a node named {@code name}}: {@code alive@host}, or {@code alive} alone for this
     * machine's host name; a short name unless {@link Builder#longNames(boolean)}
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@return the node's runtime: its processes, mailboxes and registered names} */
    public Node node() {
        return node;
    }

    /**
     * {@return OTP's {@code global} on this node: global names and their registration} A published node takes part
     * in global's protocol with every visible peer, as an Erlang node does; a hidden one does not.
     */
    public Global global() {
        return global;
    }

    /**
     * {@return the functions this node exports to other nodes} erl and Elixir call them with {@code erpc:call/4},
     * {@code rpc:call/4} and {@code spawn/4}; {@code erlang:node/0}, {@code processes/0}, {@code process_info/2} and
     * the other built-in functions for operators are there from the start.
     */
    public Exports exports() {
        return exports;
    }

    /**
     * {@return OTP's {@code pg} default scope on this node} Its groups are replicated with the erl nodes that run the
     * scope ({@code pg:start_link()}, or {@code -kernel start_pg true}). Other scopes start with
     * {@link Pg#start(Node, Atom)}.
     */
    public Pg pg() {
        return pg;
    }

    /** {@return the node's full name, {@code alive@host}} */
    public Atom name() {
        return node.name();
    }

    /** {@return the node's creation, as EPMD assigned it} */
    public int creation() {
        return node.creation();
    }

    /** {@return the address the node accepts connections on} */
    public InetSocketAddress listenAddress() {
        return listener.localAddress();
    }

    /**
     * Pings {@code other} as {@code net_adm:ping/1} does: connects if need be, then calls its {@code net_kernel}
     * with {@code {is_auth, ThisNode}}. {@return true for {@code pong}}, false for {@code pang}: the node cannot be
     * reached, refuses us (a wrong cookie), or does not answer within the ping time-out.
     */
    public boolean ping(Atom other) {
        if (other.equals(node.name())) {
            return true;
        }
        if (!table.connect(other)) {
            return false;
        }
        try (Mailbox caller = node.mailbox()) {
            return GenServer.call(caller, ServerRef.remote(NetKernel.NAME, other), Tuple.of(NetKernel.IS_AUTH, node.name()),
                    pingTimeout).equals(NetKernel.YES);
        } catch (CallExit noAnswer) {
            return false;
        }
    }

    /** {@return whether {@link #ping(Atom)} answers pong for the node named {@code other}} */
    public boolean ping(String other) {
        return ping(Atom.of(other));
    }

    /** {@return the connection to {@code other} if it is up, else null} (for tests in this package) */
    Connection connection(Atom other) {
        return table.connection(other);
    }

    /**
     * Stops the node: no more connections are accepted, global stops (so that peers do not hear of its lost
     * connections from it), other nodes' calls and spawns are answered {@code notsup} (calls running end with the
     * node: their callers see {@code noconnection}), every connection is closed, the EPMD registration ends,
     * every process ends with {@code shutdown}, and the embedded EPMD (if this node started one) stops. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        acceptor.stop();
        listener.close();
        acceptorThread.interrupt();
        ticker.interrupt();
        registration.close();
        kernel.close();
        global.close();
        exports.close();
        pg.close();
        table.close();
        attachment.detach();
        node.close();
        if (embeddedEpmd != null) {
            embeddedEpmd.close();
        }
        LOG.info("node {} stopped", node.name());
    }

    @Override
    public String toString() {
        return "distributed " + node + " at " + listener.localAddress();
    }

    /** Options of a {@link DistributedNode}; all but the name have defaults. */
    public static final class Builder {

        private final String name;
        private boolean longNames;
        private Cookie cookie;
        private boolean hidden;
        private InetAddress listenAddress;
        private int port;
        private String epmdHost;
        private int epmdPort = -1;
        private boolean startEpmd;
        private Duration ticktime = Duration.ofSeconds(60);
        private DistTransport transport = new TcpTransport();
        private Duration handshakeTimeout = HandshakeConfig.DEFAULT_TIMEOUT;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration pingTimeout = Duration.ofSeconds(10);
        private long maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
        private int maxAtoms = AtomTable.DEFAULT_MAX_ATOMS;
        private int maxHandshakes = DEFAULT_MAX_HANDSHAKES;
        private int maxHandshakesPerAddress = DEFAULT_MAX_HANDSHAKES_PER_ADDRESS;
        private boolean atomCache = true;
        private boolean fragments = true;
        private int fragmentSize = FragmentLimits.DEFAULT_FRAGMENT_SIZE;
        private long maxFragmentBytes = FragmentLimits.DEFAULT_MAX_BUFFERED_BYTES;
        private int maxFragmentedMessages = FragmentLimits.DEFAULT_MAX_OPEN_SEQUENCES;
        private long sendHighWaterMark = ConnectionSettings.DEFAULT_HIGH_WATER;
        private int processLimit = Exports.DEFAULT_PROCESS_LIMIT;
        private long withheldFlags;

        /** The default of {@link #maxFrameLength(long)}: 128 MiB. */
        public static final long DEFAULT_MAX_FRAME_LENGTH = 128L << 20;
        /** The default of {@link #maxHandshakes(int)}. */
        public static final int DEFAULT_MAX_HANDSHAKES = 256;
        /** The default of {@link #maxHandshakesPerAddress(int)}. */
        public static final int DEFAULT_MAX_HANDSHAKES_PER_ADDRESS = 32;
        /** A connection's receive buffer: frames up to this size (OTP's 64 KiB fragments among them) are decoded in place. */
        private static final int RECEIVE_BUFFER_SIZE = 128 << 10;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Long names ({@code erl -name}: the host may be a domain name or an address) rather than short ones ({@code -sname}). */
        public Builder longNames(boolean on) {
            this.longNames = on;
            return this;
        }

        /** The cookie (default: the first line of {@code ~/.erlang.cookie}, as erl reads it). */
        public Builder cookie(String text) {
            this.cookie = Cookie.of(text);
            return this;
        }

        /** A hidden node ({@code erl -hidden}): connections to it are not transitive, and peers list it in {@code nodes(hidden)}. */
        public Builder hidden(boolean on) {
            this.hidden = on;
            return this;
        }

        /** The address to accept connections on (default: every interface). */
        public Builder listenAddress(InetAddress address) {
            this.listenAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The port to accept connections on (default 0: one the system picks). */
        public Builder port(int listenPort) {
            if (listenPort < 0 || listenPort > 0xFFFF) {
                throw new IllegalArgumentException("port: " + listenPort + " (expected: 0 to 65535)");
            }
            this.port = listenPort;
            return this;
        }

        /** The host of the EPMD to register with (default: loopback). Peers are looked up at the EPMD of their own host. */
        public Builder epmdHost(String host) {
            this.epmdHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The EPMD port (default: {@code ERL_EPMD_PORT}, else 4369), here and on the peers' hosts. */
        public Builder epmdPort(int p) {
            if (p < 1 || p > 0xFFFF) {
                throw new IllegalArgumentException("EPMD port: " + p + " (expected: 1 to 65535)");
            }
            this.epmdPort = p;
            return this;
        }

        /** Starts an EPMD inside this JVM when none answers at the EPMD address (default: off); closing the node stops it. */
        public Builder startEpmdIfNoneAnswers(boolean on) {
            this.startEpmd = on;
            return this;
        }

        /** {@code net_ticktime} (default 60 s): a peer silent for about this long is lost. Use the same on every node. */
        public Builder ticktime(Duration time) {
            if (time.toMillis() < 40) {
                throw new IllegalArgumentException("ticktime: " + time + " (expected: >= 40 ms)");
            }
            this.ticktime = time;
            return this;
        }

        /** How distribution bytes travel (default: plain TCP). */
        public Builder transport(DistTransport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /** How long a whole handshake may take (default 7 s, OTP's net_setuptime). */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return this;
        }

        /** How long connecting a socket and each EPMD request may take (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long {@link DistributedNode#ping(Atom)} waits for the answer once connected (default 10 s). */
        public Builder pingTimeout(Duration timeout) {
            this.pingTimeout = positive(timeout, "pingTimeout");
            return this;
        }

        /**
         * The largest frame a peer may send, and the largest message it may send in fragments (default 128 MiB); a
         * longer one closes its connection.
         */
        public Builder maxFrameLength(long bytes) {
            if (bytes < 64 || bytes > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("maxFrameLength: " + bytes + " (expected: 64 to 4294967295)");
            }
            this.maxFrameLength = bytes;
            return this;
        }

        /** How many distinct atoms peers may make this node hold (default 1,048,576, the BEAM's limit). */
        public Builder maxAtoms(int atoms) {
            if (atoms < 1024) {
                throw new IllegalArgumentException("maxAtoms: " + atoms + " (expected: >= 1024)");
            }
            this.maxAtoms = atoms;
            return this;
        }

        /**
         * How many inbound handshakes may run at once in all (default 256): a new connection past it evicts the oldest
         * handshake, so that connections that never finish theirs cannot keep a peer out. It is also the most that
         * {@link #maxHandshakesPerAddress(int)} may be.
         */
        public Builder maxHandshakes(int handshakes) {
            if (handshakes < 1) {
                throw new IllegalArgumentException("maxHandshakes: " + handshakes + " (expected: >= 1)");
            }
            this.maxHandshakes = handshakes;
            return this;
        }

        /**
         * How many inbound handshakes may run at once from one source address (default 32; an IPv6 address counts by
         * its /64 prefix): a new connection from an address past it evicts that address's oldest handshake. A peer's
         * connection thus always gets its handshake, even from the address of a flood of silent connections, and each
         * handshake still ends at its deadline ({@link #handshakeTimeout(Duration)}).
         */
        public Builder maxHandshakesPerAddress(int handshakes) {
            if (handshakes < 1) {
                throw new IllegalArgumentException("maxHandshakesPerAddress: " + handshakes + " (expected: >= 1)");
            }
            this.maxHandshakesPerAddress = handshakes;
            return this;
        }

        /**
         * Whether to offer {@code DFLAG_DIST_HDR_ATOM_CACHE} (default: on): frames then carry a distribution header,
         * and the atoms a connection sends again travel as 1-byte references into a cache of 2048 entries per
         * connection, each way (erl_ext_dist "Distribution Header"). Off: pass-through frames, every atom in full,
         * and no fragments either.
         */
        public Builder atomCache(boolean on) {
            this.atomCache = on;
            return this;
        }

        /**
         * Whether to offer {@code DFLAG_FRAGMENTS} (default: on; it needs {@link #atomCache(boolean)}): messages longer
         * than {@link #fragmentSize(int)} go out in fragments, interleaved with the connection's other traffic, and
         * a peer may send fragments, bounded by {@link #maxFrameLength(long)} per message and
         * {@link #maxFragmentBytes(long)} per connection.
         */
        public Builder fragments(boolean on) {
            this.fragments = on;
            return this;
        }

        /** The most bytes of a message in one fragment this node sends (default 64 KiB, as OTP). */
        public Builder fragmentSize(int bytes) {
            if (bytes < FragmentLimits.MIN_FRAGMENT_SIZE) {
                throw new IllegalArgumentException("fragmentSize: " + bytes + " (expected: >= " + FragmentLimits.MIN_FRAGMENT_SIZE + ")");
            }
            this.fragmentSize = bytes;
            return this;
        }

        /**
         * The most bytes a peer's incomplete fragmented messages may hold on one connection (default 256 MiB); more
         * closes the connection.
         */
        public Builder maxFragmentBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxFragmentBytes: " + bytes + " (expected: >= 1)");
            }
            this.maxFragmentBytes = bytes;
            return this;
        }

        /** How many of a peer's fragmented messages may be incomplete at once on one connection (default 4096). */
        public Builder maxFragmentedMessages(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("maxFragmentedMessages: " + messages + " (expected: >= 1)");
            }
            this.maxFragmentedMessages = messages;
            return this;
        }

        /**
         * The bytes queued on one connection above which its senders wait (default 1 MiB, as OTP): a process whose message
         * takes the queue past the mark waits, at its next call into the node and holding no lock, until the queue
         * is down to half the mark or the connection is lost. A slow peer thus holds at most about this much.
         */
        public Builder sendHighWaterMark(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("sendHighWaterMark: " + bytes + " (expected: >= 1024)");
            }
            this.sendHighWaterMark = bytes;
            return this;
        }

        /**
         * The most processes other nodes may have this node make and keep alive at once, through {@code spawn/4},
         * {@code erpc:call/4}, {@code rpc:call/4} and the like (default {@link Exports#DEFAULT_PROCESS_LIMIT}, BEAM's
         * default process limit); past it a request is answered {@code system_limit}, as BEAM answers past its own.
         */
        public Builder processLimit(int processes) {
            if (processes < 1) {
                throw new IllegalArgumentException("processLimit: " + processes + " (expected: >= 1)");
            }
            this.processLimit = processes;
            return this;
        }

        /**
         * For tests: the node does not offer these flags in its handshakes, as an older or smaller peer would not
         * ({@code DFLAG_SPAWN}: its connections send no spawn requests, and {@code erpc} falls back to {@code rex}).
         */
        Builder withhold(long flags) {
            this.withheldFlags = flags;
            return this;
        }

        private static Duration positive(Duration value, String what) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + ": " + value + " (expected: > 0)");
            }
            return value;
        }

        /**
         * {@return the running node}: listening, registered with EPMD, with its {@code net_kernel} process,
         * global's ({@code global_name_server}), {@code rex} with the node's exported functions, and
         * {@code pg}'s default scope
         *
         * @throws IllegalArgumentException if the name is not one erl would take
         * @throws IOException              if the cookie file cannot be read, the port cannot be listened on, or
         *                                  EPMD cannot be reached or refuses the name
         */
        public DistributedNode start() throws IOException {
            String fullName = NodeNameRules.fullName(name, longNames);
            Cookie theCookie = cookie != null ? cookie : Cookie.fromHomeDirectory();
            EpmdClient.Builder epmdBuilder = EpmdClient.builder().connectTimeout(connectTimeout).readTimeout(connectTimeout);
            if (epmdHost != null) {
                epmdBuilder.host(epmdHost);
            }
            if (epmdPort > 0) {
                epmdBuilder.port(epmdPort);
            }
            EpmdClient epmd = epmdBuilder.build();
            List<AutoCloseable> opened = new ArrayList<>();
            try {
                EpmdServer embedded = null;
                if (startEpmd) {
                    embedded = EpmdServer.builder().port(epmd.port()).startIfNoneAnswers().orElse(null);
                    if (embedded != null) {
                        opened.add(embedded);
                        LOG.info("started an embedded EPMD on port {}", embedded.port());
                    }
                }
                DistListener listener = transport.listen(listenAddress == null
                        ? new InetSocketAddress(port) : new InetSocketAddress(listenAddress, port));
                opened.add(listener);
                EpmdRegistration registration = epmd.register(NodeNameRules.alive(fullName), listener.localAddress().getPort());
                opened.add(registration);
                Node node = Node.create(fullName, registration.creation());
                opened.add(node);

                long offered = (atomCache ? DistFlags.DFLAG_DIST_HDR_ATOM_CACHE : 0)
                        | (atomCache && fragments ? DistFlags.DFLAG_FRAGMENTS : 0);
                AtomicReference<Pid> ioServer = new AtomicReference<>();
                HandshakeConfig handshake = new HandshakeConfig(fullName,
                        new DistFlags(HandshakeConfig.defaultFlags(hidden, offered).bits() & ~withheldFlags),
                        registration.creation(), theCookie, HandshakeConfig.REQUIRED_FLAGS, handshakeTimeout);
                EtfDecoder decoder = EtfDecoder.builder().atomTable(new AtomTable(maxAtoms)).shareBinaries(true).build();
                ConnectionSettings settings = new ConnectionSettings(EtfEncoder.defaults(), decoder,
                        ConnectionSettings.BUFFERS, RECEIVE_BUFFER_SIZE, maxFrameLength,
                        new FragmentLimits(fragmentSize, maxFrameLength, maxFragmentBytes, maxFragmentedMessages),
                        sendHighWaterMark, ConnectionSettings.DEFAULT_MAX_PENDING_SIGNALS, ioServer::get,
                        ConnectionSettings.defaultPlatformReaders());
                ConnectionTable table = new ConnectionTable(node.name(), settings,
                        handshakeTimeout.plus(connectTimeout.multipliedBy(2)));
                Attachment attachment = NodeInternals.attach(node, table);
                table.start(attachment, new Dialer(epmd, transport, handshake, table, connectTimeout));
                GlobalService global = GlobalService.create(node, hidden);
                opened.add(global);
                KernelSupervisor kernel = KernelSupervisor.start(node, List.of(KernelSupervisor.ioServer(ioServer::set),
                        KernelSupervisor.netKernel(), global.childSpec()));
                opened.add(kernel);
                Exports exports = Exports.start(node, processLimit);
                opened.add(exports);
                Pg pg = Pg.start(node, Pg.DEFAULT_SCOPE);
                opened.add(pg);
                exports.export(Atom.of("global"), Atom.of("resolve_it"), 4, call -> global.resolveIt(call.self(),
                        call.arg(0), call.arg(1), call.arg(2), call.arg(3)));
                Acceptor acceptor = new Acceptor(listener, handshake, table,
                        new HandshakeAdmission(Math.min(maxHandshakesPerAddress, maxHandshakes), maxHandshakes));
                Thread acceptorThread = Thread.ofVirtual().name("beamlink-dist-acceptor-" + fullName).start(acceptor);
                Thread ticker = Thread.ofVirtual().name("beamlink-dist-ticker-" + fullName)
                        .start(new Ticker(table::connections, ticktime));
                LOG.info("node {} up: listening on {}, creation {}", fullName, listener.localAddress(),
                        Integer.toUnsignedString(registration.creation()));
                return new DistributedNode(node, table, listener, registration, embedded, attachment,
                        acceptor, acceptorThread, ticker, pingTimeout, kernel, global, exports, pg);
            } catch (IOException | RuntimeException | Error e) {
                for (int i = opened.size() - 1; i >= 0; i--) {
                    try {
                        opened.get(i).close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }
    }
}
