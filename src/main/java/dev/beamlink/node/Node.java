package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Port;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.mapping.TermMapper;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.ConnectedNode;
import dev.beamlink.node.spi.Distribution;
import dev.beamlink.node.spi.Signal;
import java.lang.ref.Cleaner;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Erlang node: a name ({@code name@host}), a creation, and the processes that live on it.
 *
 * <pre>{@code
 * try (Node node = Node.create("java@localhost")) {
 *     Pid worker = node.spawn(self -> {
 *         Object message = self.receive();
 *         // ...
 *     });
 *     try (Mailbox me = node.mailbox()) {
 *         me.link(worker);
 *         me.send(worker, Atom.of("hello"));
 *     }
 * }
 * }</pre>
 *
 * <p>Every spawned process runs its body on a virtual thread; a passive {@link Mailbox} belongs to
 * whatever thread uses it. Signals between processes go through the node's one routing point; signals
 * for other nodes go to the {@link Distribution} attached with {@link #attach(Distribution)} (none: every
 * other node is unreachable). Closing the node ends every process with {@code shutdown}, firing their
 * links and monitors.
 */
public final class Node implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final Atom SYSTEM_LIMIT = Atom.of("system_limit");

    private final Atom name;
    private final int creation;
    private final Router router;
    private final TermMapper termMapper = new TermMapper();
    private final DrainScheduler drains;
    private final NodeEvents events;
    private final Cleaner cleaner = Cleaner.create();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Body threads still running, counting those of ended processes that are still unwinding. */
    private final AtomicInteger bodyThreads = new AtomicInteger();
    /** Answers requests for new processes; null: every one is answered {@code notsup}. */
    private volatile Spawning spawning;

    private Node(Atom name, int creation) {
        this.name = name;
        this.creation = creation;
        this.drains = new DrainScheduler(name.text());
        this.events = new NodeEvents(name.text());
        this.router = new Router(name, creation, drains, events, this::answerSpawnRequest);
    }

    /** {@return a node named {@code name@host} with a random non-zero creation} */
    public static Node create(String fullName) {
        int creation;
        SecureRandom random = new SecureRandom();
        do {
            creation = random.nextInt();
        } while (creation == 0);
        return create(fullName, creation);
    }

    /**
     * {@return a node named {@code name@host} with the given creation} The distribution layer passes
     * the creation EPMD assigned. A name whose host part has a dot is a long name.
     *
     * @throws IllegalArgumentException if the name is not {@code name@host} or the creation is 0
     */
    public static Node create(String fullName, int creation) {
        Objects.requireNonNull(fullName, "fullName");
        int at = fullName.indexOf('@');
        if (at <= 0 || at == fullName.length() - 1 || fullName.indexOf('@', at + 1) >= 0) {
            throw new IllegalArgumentException("a node name is name@host: " + fullName);
        }
        if (creation == 0) {
            throw new IllegalArgumentException("a node's creation is never 0");
        }
        return new Node(Atom.of(fullName), creation);
    }

    /**
     * {@return how this node maps Java records, enums and sealed types to terms and back} It maps what a process sends
     * to another node that is not a term, and what a typed receive ({@link Mailbox#receive(Class)}) reads.
     */
    public TermMapper termMapper() {
        return termMapper;
    }

    /** {@return the node's name, {@code name@host}} */
    public Atom name() {
        return name;
    }

    /** {@return whether the name is a long one (the host part has a dot)} */
    public boolean isLongName() {
        return name.text().indexOf('.', name.text().indexOf('@')) >= 0;
    }

    /** {@return the creation: which incarnation of the node this is} */
    public int creation() {
        return creation;
    }

    /** {@return a new reference of this node, as {@code make_ref()} gives} */
    public Ref makeRef() {
        return router.newRef();
    }

    /** {@return a new port identifier of this node} */
    public Port makePort() {
        return router.newPort();
    }

    // ---------------------------------------------------------------- processes

    /** {@return the pid of a new process running {@code body}} */
    public Pid spawn(ProcessBody body) {
        return start(newProcess(), body);
    }

    Spawned spawn(ProcessCore parent, ProcessBody body, boolean link, boolean monitor) {
        ProcessCore child = newProcess();
        Ref ref;
        try {
            ref = parent.adopt(child, link, monitor);
        } catch (RuntimeException | Error e) {
            child.finish(Reasons.NORMAL); // the parent has ended: the child never runs
            throw e;
        }
        start(child, body);
        return new Spawned(child.pid, ref);
    }

    /**
     * Asks {@code onNode} for a process running {@code module:function(args...)}, linked to {@code parent} and/or
     * monitored by it from its first moment, and waits for the answer, as erlang:spawn_opt/5 does with a
     * SPAWN_REQUEST (erl_dist_protocol). When the node cannot be reached ({@code noconnection}) or makes no process
     * ({@code notsup}), the parent gets, as in Erlang, a local process linked and monitored as asked that ends at
     * once with that reason; any other failure is raised as a {@link ErlangError}.
     */
    Spawned spawnRemote(ProcessCore parent, Atom onNode, Atom module, Atom function, List<Term> args,
                        boolean link, boolean monitor) {
        Ref reqId = parent.requestSpawn(onNode, module, function, args, link, monitor, false);
        Term result = parent.receive(m -> m instanceof SpawnResult r && r.reqId().equals(reqId) ? r : null, -1).result();
        if (result instanceof Pid child) {
            return new Spawned(child, monitor ? reqId : null);
        }
        if (result.equals(Reasons.NOCONNECTION) || result.equals(Reasons.NOTSUP)) {
            LOG.warn("cannot start {}:{}/{} on {}: {}", module.text(), function.text(), args.size(), onNode, result);
            return spawn(parent, self -> {
                throw self.exit(result);
            }, link, monitor);
        }
        throw new ErlangError(result, "spawn of " + module.text() + ":" + function.text() + "/" + args.size()
                + " on " + onNode + " failed: " + result);
    }

    /**
     * Sets how this node answers requests for new processes from processes of other nodes and of its own (see
     * {@link SpawnHandler}), and how many of the processes made for them may live at once: past {@code processLimit},
     * a request is refused with {@code system_limit} before the handler is asked, as BEAM refuses a spawn past its
     * process limit. A null handler answers every request {@code notsup}, as a node without code does.
     *
     * @throws IllegalArgumentException if the limit is below 1
     */
    public void setSpawnHandler(SpawnHandler handler, int processLimit) {
        if (processLimit < 1) {
            throw new IllegalArgumentException("processLimit: " + processLimit + " (expected: >= 1)");
        }
        spawning = handler == null ? null : new Spawning(handler, processLimit);
    }

    /** {@return how many processes made for spawn requests live} */
    public int requestedProcessCount() {
        return router.requestedProcesses();
    }

    /** {@return the most processes made for spawn requests that may live at once, 0 without a handler} */
    public int requestedProcessLimit() {
        Spawning current = spawning;
        return current == null ? 0 : current.limit();
    }

    /** The spawn handler and its limit, set together. */
    private record Spawning(SpawnHandler handler, int limit) {
    }

    /**
     * A spawn request for this node (erl_dist_protocol's SPAWN_REQUEST, or a local process's): the handler decides;
     * a new process is linked and monitored as asked before anything else happens to it, and answers the request
     * (SPAWN_REPLY) as its body starts, before every signal it sends. Runs on the routing thread: never blocks.
     * {@code via} is the circuit a request from the wire came on, under which the new process files its link to and
     * monitor from the requester; null for a local request.
     */
    private void answerSpawnRequest(Signal.SpawnRequest request, Circuit via) {
        Spawning current = spawning;
        if (current == null || closed.get()) {
            refuseSpawn(request, Reasons.NOTSUP);
            return;
        }
        if (!router.takeRequestedProcess(current.limit())) {
            refuseSpawn(request, SYSTEM_LIMIT);
            return;
        }
        ProcessBody body;
        try {
            SpawnHandler.Answer answer = current.handler().answer(new SpawnHandler.Request(request.from(),
                    request.module(), request.function(), request.args()));
            if (answer instanceof SpawnHandler.Refuse(Atom reason)) {
                router.requestedProcessEnded();
                refuseSpawn(request, reason);
                return;
            }
            body = ((SpawnHandler.Start) answer).body();
        } catch (RuntimeException e) {
            LOG.warn("the spawn handler failed on {}:{}/{} from {}", request.module().text(), request.function().text(),
                    request.args().size(), request.from(), e);
            router.requestedProcessEnded();
            refuseSpawn(request, Reasons.NOTSUP);
            return;
        }
        ProcessCore child;
        try {
            child = newProcess();
        } catch (IllegalStateException closedMeanwhile) {
            router.requestedProcessEnded();
            refuseSpawn(request, Reasons.NOTSUP);
            return;
        }
        child.acceptRequester(request.from(), request.reqId(), request.link(), request.monitor(), via);
        try {
            start(child, body);
        } catch (RuntimeException | Error e) {
            LOG.warn("cannot start the process {} for {}", child.pid, request.from(), e);
        }
    }

    private void refuseSpawn(Signal.SpawnRequest request, Atom reason) {
        router.route(Signal.SpawnReply.failed(request.reqId(), request.from(), reason));
    }

    /**
     * {@return a new passive mailbox: a process without a body, for code that runs on threads of its
     * own} It ends when {@link Mailbox#close() closed}, or with {@code normal} once no thread can reach it
     * any more; until then it has every ability of a spawned process.
     */
    public Mailbox mailbox() {
        ProcessCore core = newProcess();
        Mailbox mailbox = new Mailbox(this, core);
        mailbox.setCleanable(cleaner.register(mailbox, () -> core.finish(Reasons.NORMAL)));
        return mailbox;
    }

    /** {@return a new passive mailbox registered as {@code name}} @throws ErlangError {@code badarg} if the name is taken */
    public Mailbox mailbox(Atom registeredName) {
        Mailbox mailbox = mailbox();
        try {
            mailbox.register(registeredName);
        } catch (ErlangError taken) {
            mailbox.close();
            throw taken;
        }
        return mailbox;
    }

    private ProcessCore newProcess() {
        if (closed.get()) {
            throw new IllegalStateException("node " + name + " is closed");
        }
        while (true) {
            ProcessCore core = new ProcessCore(router.newPid(), router);
            if (router.add(core)) {
                return core;
            }
        }
    }

    private Pid start(ProcessCore core, ProcessBody body) {
        Thread thread = Thread.ofVirtual().unstarted(() -> runBody(core, body));
        core.setOwner(thread);
        bodyThreads.incrementAndGet();
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            bodyThreads.decrementAndGet();
            core.finish(ThrowableReason.of(e));
            throw e;
        }
        return core.pid;
    }

    private void runBody(ProcessCore core, ProcessBody body) {
        Term reason = Reasons.NORMAL;
        try {
            if (core.isAlive()) {
                core.started();
                body.run(new Mailbox(this, core));
            }
        } catch (ProcessEnded exit) {
            reason = exit.reason();
        } catch (Throwable thrown) {
            reason = ThrowableReason.of(thrown);
            if (core.isAlive()) {
                LOG.warn("process {} ended with an exception", core.pid, thrown);
            }
        }
        try {
            core.finish(reason);
        } finally {
            bodyThreads.decrementAndGet();
        }
    }

    // ---------------------------------------------------------------- registry and introspection

    /**
     * Registers {@code pid} under {@code registeredName}, as {@code register/2}.
     *
     * @throws ErlangError {@code badarg} if the name is taken, the process is not alive (or not of
     *                      this node), or it already has a name
     */
    public void register(Atom registeredName, Pid pid) {
        ProcessCore core = router.lookup(pid);
        if (core == null) {
            throw new ErlangError(Reasons.BADARG, "register " + registeredName + ": " + pid + " is not alive");
        }
        core.register(registeredName);
    }

    /** Removes a registered name, as {@code unregister/1}. @throws ErlangError {@code badarg} if it is not registered */
    public void unregister(Atom registeredName) {
        ProcessCore core = router.whereis(registeredName);
        if (core == null || !core.unregister(registeredName)) {
            throw new ErlangError(Reasons.BADARG, "unregister: " + registeredName + " is not a registered name");
        }
    }

    /** {@return the process registered as {@code registeredName}, if any} */
    public Optional<Pid> whereis(Atom registeredName) {
        ProcessCore core = router.whereis(registeredName);
        return core == null ? Optional.empty() : Optional.of(core.pid);
    }

    /** {@return the registered names} */
    public List<Atom> registered() {
        return router.registered();
    }

    /** {@return the pids of the live processes (spawned ones and passive mailboxes)} */
    public List<Pid> processes() {
        return router.pids();
    }

    /** {@return how many processes live} */
    public int processCount() {
        return router.processCount();
    }

    /**
     * {@return how many links and monitors of this node's processes cross connections to other nodes, by kind} For
     * diagnostics: once every such link and monitor has ended (or fired {@code noconnection}), each count is zero.
     */
    public RemoteEntryCounts remoteEntryCounts() {
        return router.remoteEntryCounts();
    }

    /**
     * {@return how many process bodies are still on their threads} A process killed while idle is dead
     * at once (its links and monitors fire without its thread), and its thread unwinds afterwards: this
     * count includes such threads until they are done. (For diagnostics: {@code NodeInternals.bodyThreads}.)
     */
    int bodyThreads() {
        return bodyThreads.get();
    }

    /** {@return whether {@code pid} is a live process of this node} */
    public boolean isAlive(Pid pid) {
        return router.lookup(pid) != null;
    }

    /** {@return a snapshot of the live process {@code pid}, empty if it is not alive} */
    public Optional<ProcessInfo> processInfo(Pid pid) {
        ProcessCore core = router.lookup(pid);
        return core == null ? Optional.empty() : Optional.ofNullable(core.info());
    }

    /** Sends {@code message} to {@code to} without a sender (a SEND, as from outside any process). */
    public void send(Pid to, Object message) {
        router.route(new Signal.Send(null, to, Mailbox.checkedMessage(this, to.node(), message)));
    }

    // ---------------------------------------------------------------- other nodes

    /** {@return the visible nodes this node is connected to ({@code erlang:nodes()})} */
    public List<Atom> nodes() {
        return connected(false);
    }

    /** {@return the hidden nodes this node is connected to ({@code erlang:nodes(hidden)})} */
    public List<Atom> hiddenNodes() {
        return connected(true);
    }

    /** {@return every node this node is connected to, visible and hidden ({@code erlang:nodes(connected)})} */
    public List<Atom> connectedNodes() {
        return router.connectedNodes().stream().map(ConnectedNode::name).toList();
    }

    private List<Atom> connected(boolean hidden) {
        return router.connectedNodes().stream().filter(n -> n.hidden() == hidden).map(ConnectedNode::name).toList();
    }

    /**
     * Closes the connection to {@code other} ({@code erlang:disconnect_node/1}): links and monitors across it fire
     * {@code noconnection}. {@return whether there was a connection}
     */
    public boolean disconnect(Atom other) {
        return router.disconnect(Objects.requireNonNull(other, "other"));
    }

    /** Adds a listener that hears connections come up and go down (see {@link NodeListener} for its thread). */
    public void addNodeListener(NodeListener listener) {
        events.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. {@return whether it was there} */
    public boolean removeNodeListener(NodeListener listener) {
        return events.removeListener(listener);
    }

    /**
     * Attaches the distribution layer (through {@code NodeInternals}): signals for other nodes go to it from now on.
     * {@return the way in for signals from the wire and for connection events}
     *
     * @throws IllegalStateException if a distribution is attached already
     */
    Attachment attach(Distribution distribution) {
        return router.attach(Objects.requireNonNull(distribution, "distribution"));
    }

    Router router() {
        return router;
    }

    /**
     * Shuts the node down: every process ends with {@code shutdown}, firing its links and monitors, and
     * the node's threads stop. Process bodies still running Java code are interrupted; their next call
     * into the runtime throws {@link ProcessEnded}. Waits, up to 10 s, for the bodies to return.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ProcessCore core : router.processes()) {
            core.finish(Reasons.SHUTDOWN);
        }
        events.close();
        try {
            if (!drains.shutdown(10, TimeUnit.SECONDS)) {
                LOG.warn("node {}: signals still applying 10 s after shutdown", name);
            }
            // The bodies were interrupted; give them a bounded time to unwind (CPU-bound code may not stop).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int closer = Thread.currentThread().isVirtual() ? 1 : 0; // closed from a body: do not wait for it
            while (bodyThreads.get() > closer && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (bodyThreads.get() > closer) {
                LOG.warn("node {}: {} process bodies still running 10 s after shutdown", name, bodyThreads.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "node " + name + " (creation " + Integer.toUnsignedString(creation) + ")";
    }
}
