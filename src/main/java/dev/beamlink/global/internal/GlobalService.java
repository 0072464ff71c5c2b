package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.global.Global;
import dev.beamlink.global.GlobalLock;
import dev.beamlink.global.NameConflict;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Reasons;
import dev.beamlink.node.Node;
import dev.beamlink.otp.GenServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Global} on a beamlink node: the node's {@code global_name_server}, its locker and its registrar, which take
 * part in global's protocol with every visible peer as an Erlang node does.
 */
public final class GlobalService implements Global, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GlobalService.class);

    private final Node node;
    private final NameTable names;
    private final LockTable locks;
    private final Pid server;
    private final Pid locker;
    private final Pid registrar;
    private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private GlobalService(Node node, NameTable names, LockTable locks, Pid server, Pid locker, Pid registrar) {
        this.node = node;
        this.names = names;
        this.locks = locks;
        this.server = server;
        this.locker = locker;
        this.registrar = registrar;
    }

    /**
     * Starts global on {@code node}: its processes, and {@code global_name_server} registered and (unless the node is
     * hidden) monitoring the visible nodes. Call it before the node accepts connections.
     */
    public static GlobalService start(Node node, boolean hidden) {
        GlobalTables tables = GlobalTables.of(node.name());
        Pid locker = node.spawn(new Locker(tables.locks()));
        CompletableFuture<Void> watching = new CompletableFuture<>();
        Pid server = node.spawn(new GlobalNameServer(tables, locker, new Cluster(node, hidden), hidden, watching));
        watching.join(); // the server hears of every connection from now on
        node.register(GlobalTerms.GLOBAL_NAME_SERVER, server);
        Pid registrar = node.spawn(new Registrar(tables.locks(), tables.partition()));
        return new GlobalService(node, tables.names(), tables.locks(), server, locker, registrar);
    }

    /** {@return the process registered globally as {@code name}, if any} ({@code global:whereis_name/1}) */
    @Override
    public Optional<Pid> whereis(Term name) {
        return names.get(Objects.requireNonNull(name, "name")).map(NameTable.Registration::pid)
                .filter(pid -> !pid.node().equals(node.name()) || node.isAlive(pid));
    }

    /** {@return the globally registered names} ({@code global:registered_names/0}) */
    @Override
    public List<Term> registeredNames() {
        return names.names();
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
            if (names.hasName(pid)) {
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
        submit(server, new ServerEvent.Sync(done), done);
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
        LockRequests requests = new LockRequests(self, locks);
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
        new LockRequests(self, locks).delLock(new LockId(lock.resource(), lock.requester()), nodes);
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

    /** Runs a change through the registrar and waits for its answer. */
    private boolean run(String what, Registrar.Change change) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        submit(registrar, new Registrar.Job(what, change, done), done);
        try {
            return done.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("global on " + node.name() + ": " + what + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } finally {
            waiting.remove(done);
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
     * Stops global on this node before its connections close, so that their loss is not reported around the
     * cluster as lost connections; callers still waiting get an {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Mailbox stopper = node.mailbox()) {
            stopper.exit(server, GlobalTerms.KILL);
            stopper.exit(locker, GlobalTerms.KILL);
            stopper.exit(registrar, GlobalTerms.KILL);
        } catch (IllegalStateException nodeClosed) {
            // The node is closed: its processes are gone already.
        }
        waiting.forEach(future -> future.completeExceptionally(stopped()));
    }
}
