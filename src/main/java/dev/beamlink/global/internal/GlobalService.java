package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.global.Global;
import dev.beamlink.global.GlobalLock;
import dev.beamlink.global.NameConflict;
import dev.beamlink.node.Down;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.node.Reasons;
import dev.beamlink.otp.ChildSpec;
import dev.beamlink.otp.ChildStart;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.StartResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Global} on a beamlink node: the node's {@code global_name_server}, its locker and its registrar, which take
 * part in global's protocol with every visible peer as an Erlang node does. The three run as one child of the node's
 * kernel supervisor ({@link #childSpec()}): they end together and start again together, and the tables (names, locks,
 * the partition) outlive them.
 */
public final class GlobalService implements Global, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GlobalService.class);
    /** How long the kernel supervisor waits for a new server to be ready. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Node node;
    private final boolean hidden;
    private final GlobalTables tables;
    private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();
    private volatile GlobalProcesses processes;
    private volatile boolean closed;

    private GlobalService(Node node, boolean hidden, GlobalTables tables) {
        this.node = node;
        this.hidden = hidden;
        this.tables = tables;
    }

    /**
     * {@return global on {@code node}, its processes not started yet}: the node's kernel supervisor starts them, as the
     * child {@link #childSpec()}, before the node accepts connections
     */
    public static GlobalService create(Node node, boolean hidden) {
        return new GlobalService(node, hidden, GlobalTables.of(node.name()));
    }

    /**
     * {@return global's processes as a child of the node's kernel supervisor}: {@code global_name_server}, linked to the
     * supervisor, registered and (unless the node is hidden) monitoring the visible nodes, with its locker and registrar
     * linked to it
     */
    public ChildSpec childSpec() {
        return ChildSpec.worker(GlobalTerms.GLOBAL_NAME_SERVER, ChildStart.java("global", this::startProcesses));
    }

    private StartResult startProcesses(Mailbox supervisor) throws Exception {
        CompletableFuture<GlobalProcesses> started = new CompletableFuture<>();
        Pid server = supervisor.spawnLink(new GlobalNameServer(tables, new Cluster(node, hidden), hidden, started,
                running -> processes = running));
        try {
            started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return new StartResult.Error(Reasons.of(e.getCause()));
        } catch (TimeoutException e) {
            supervisor.exit(server, GlobalTerms.KILL);
            return new StartResult.Error(Atom.of("timeout"));
        }
        return new StartResult.Ok(server, null);
    }

    /** {@return the processes running now} @throws IllegalStateException if global is stopped or never started */
    private GlobalProcesses processes() {
        GlobalProcesses now = processes;
        if (closed || now == null) {
            throw stopped();
        }
        return now;
    }

    /** {@return the process registered globally as {@code name}, if any} ({@code global:whereis_name/1}) */
    @Override
    public Optional<Pid> whereis(Term name) {
        return tables.names().get(Objects.requireNonNull(name, "name")).map(NameTable.Registration::pid)
                .filter(pid -> !pid.node().equals(node.name()) || node.isAlive(pid));
    }

    /** {@return the globally registered names} ({@code global:registered_names/0}) */
    @Override
    public List<Term> registeredNames() {
        return tables.names().names();
    }

    /**
     * Registers {@code pid} (of this node or another) as {@code name} on every node ({@code global:register_name/2}),
     * a clash with another partition resolved by {@link NameConflict#RANDOM_EXIT}.
     * {@return true, or false if the name is taken or the process has a global name already}
     */
    @Override
    public boolean register(Term name, Pid pid) {
        return register(name, pid, NameConflict.RANDOM_EXIT);
    }

    /** Registers as {@link #register(Term, Pid)}, a clash resolved by {@code onConflict} ({@code global:register_name/3}). */
    @Override
    public boolean register(Term name, Pid pid, NameConflict onConflict) {
        NameEntry entry = new NameEntry(name, pid, ResolveMethods.of(onConflict));
        return run("register " + name, (self, nodes) -> {
            if (whereis(name).isPresent()) {
                return false;
            }
            if (tables.names().hasName(pid)) {
                LOG.error("global: {} registered under several names: {}", pid, name);
                return false;
            }
            GenServer.multiCall(self, nodes, GlobalTerms.GLOBAL_NAME_SERVER, new Request.Register(entry).toTerm(),
                    GenServer.INFINITY);
            return true;
        });
    }

    /** Registers {@code pid} as {@code name} whether or not the name is taken ({@code global:re_register_name/2}). */
    @Override
    public void reRegister(Term name, Pid pid) {
        NameEntry entry = new NameEntry(name, pid, ResolveMethods.of(NameConflict.RANDOM_EXIT));
        run("re-register " + name, (self, nodes) -> {
            GenServer.multiCall(self, nodes, GlobalTerms.GLOBAL_NAME_SERVER, new Request.Register(entry).toTerm(),
                    GenServer.INFINITY);
            return true;
        });
    }

    /** Removes the global name {@code name} on every node ({@code global:unregister_name/1}); no name, no error. */
    @Override
    public void unregister(Term name) {
        if (whereis(name).isEmpty()) {
            return;
        }
        run("unregister " + name, (self, nodes) -> {
            GenServer.multiCall(self, nodes, GlobalTerms.GLOBAL_NAME_SERVER, new Request.Unregister(name).toTerm(),
                    GenServer.INFINITY);
            return true;
        });
    }

    /**
     * Waits until global on this node is in sync with every visible node: their names here, ours there
     * ({@code global:sync/0}). {@return whether that happened within {@code timeout}}
     */
    @Override
    public boolean sync(Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(processes().server(), new ServerEvent.Sync(done), done);
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.remove(done);
        }
    }

    /**
     * {@code global:resolve_it/4}, which an erl node's global calls on this node ({@code rpc:call(node(Pid2), global,
     * resolve_it, [Method, Name, Pid1, Pid2])}) when it resolves a clash over a name a process of this node holds:
     * global's own methods run here, as they would on erl; another fun, which only its node can run, is
     * {@code {badrpc, notsup}}. {@return the method's answer: the pid that keeps the name, or {@code none}}
     */
    public Term resolveIt(Mailbox self, Term method, Term name, Term pid1, Term pid2) {
        if (!(pid1 instanceof Pid first) || !(pid2 instanceof Pid second)) {
            return Tuple.of(Atom.of("badrpc"), Atom.of("notsup"));
        }
        return ResolveMethods.resolve(self, method, name, first, second);
    }

    /** {@code global:send/2}: {@code exit({badarg, {Name, Msg}})} when the name is not registered. */
    @Override
    public Pid send(Mailbox self, Term name, Term message) {
        Pid pid = whereis(name).orElseThrow(() -> new ErlangExit(Tuple.of(Reasons.BADARG, Tuple.of(name, message)),
                "global: no process is registered as " + name));
        self.send(pid, message);
        return pid;
    }

    @Override
    public boolean setLock(Mailbox self, GlobalLock lock) {
        return setLock(self, lock, everyNode(), RETRY_FOREVER);
    }

    /** {@code global:set_lock/3}: {@code set_lock_on_nodes}, again after a random sleep while retries are left. */
    @Override
    public boolean setLock(Mailbox self, GlobalLock lock, List<Atom> nodes, int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
        }
        LockRequests requests = new LockRequests(self, tables.locks());
        LockId id = new LockId(lock.resource(), lock.requester());
        for (int times = 1, left = retries; ; times++) {
            if (requests.setLockOnNodes(id, nodes)) {
                return true;
            }
            if (left == 0) {
                return false;
            }
            requests.randomSleep(times);
            if (left != RETRY_FOREVER) {
                left--;
            }
        }
    }

    @Override
    public void delLock(Mailbox self, GlobalLock lock) {
        delLock(self, lock, everyNode());
    }

    @Override
    public void delLock(Mailbox self, GlobalLock lock, List<Atom> nodes) {
        new LockRequests(self, tables.locks()).delLock(new LockId(lock.resource(), lock.requester()), nodes);
    }

    @Override
    public <T> T trans(Mailbox self, GlobalLock lock, Supplier<T> action) {
        return trans(self, lock, action, everyNode(), RETRY_FOREVER).orElseThrow();
    }

    /** {@code global:trans/4}: the action under the lock, which is deleted after it whatever it did. */
    @Override
    public <T> Optional<T> trans(Mailbox self, GlobalLock lock, Supplier<T> action, List<Atom> nodes, int retries) {
        if (!setLock(self, lock, nodes, retries)) {
            return Optional.empty();
        }
        try {
            return Optional.of(action.get());
        } finally {
            delLock(self, lock, nodes);
        }
    }

    /** {@return {@code [node() | nodes()]}: where {@code set_lock/1} and {@code del_lock/1} go} */
    private List<Atom> everyNode() {
        List<Atom> nodes = new ArrayList<>();
        nodes.add(node.name());
        nodes.addAll(node.nodes());
        return nodes;
    }

    /**
     * Runs a change through the registrar and waits for its answer, watching the registrar: if it ends first (global's
     * processes end, and start again, or global stops), the change fails.
     */
    private boolean run(String what, Registrar.Change change) {
        Pid registrar = processes().registrar();
        try (Mailbox caller = node.mailbox()) {
            Ref watch = caller.monitor(registrar);
            caller.send(registrar, new Registrar.Job(what, change, caller.self(), watch));
            Object answer = caller.receive(m -> m instanceof Registrar.Done done && done.tag().equals(watch)
                    || m instanceof Down down && down.ref().equals(watch) ? m : null);
            caller.demonitor(watch, true);
            return switch (answer) {
                case Registrar.Done done when done.failure() != null -> throw new IllegalStateException("global on "
                        + node.name() + ": " + what + " failed: " + done.failure().getMessage(), done.failure());
                case Registrar.Done done -> done.result();
                default -> throw new IllegalStateException("global on " + node.name() + ": " + what + " failed: "
                        + (closed ? "global is stopped" : "global's registrar ended with " + ((Down) answer).reason()));
            };
        }
    }

    /** Sends {@code message} to one of global's processes; {@code done} fails if global is or gets stopped. */
    private void submit(Pid to, Object message, CompletableFuture<?> done) {
        waiting.add(done);
        if (!closed) {
            node.send(to, message);
        }
        if (closed) {
            done.completeExceptionally(stopped());
        }
    }

    private IllegalStateException stopped() {
        return new IllegalStateException("global is stopped on " + node.name());
    }

    /**
     * Stops global on this node: callers still waiting get an {@link IllegalStateException}. Its processes are the kernel
     * supervisor's to stop, before the node's connections close, so that their loss is not reported around the cluster
     * as lost connections. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        waiting.forEach(future -> future.completeExceptionally(stopped()));
    }
}
