package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.mapping.TermMapper;
import dev.beamlink.etf.mapping.TermMapping;
import dev.beamlink.etf.mapping.TermMappingException;
import dev.beamlink.node.spi.Signal;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A process's handle: the one type that serves both a spawned body (its {@code self}) and a passive
 * mailbox owned by any Java thread ({@link Node#mailbox()}), with the same abilities: send, receive,
 * link, monitor, trap exits, exit.
 *
 * <h2>Messages</h2>
 * A message is any Java object between processes of one node. Only a {@link Term} may go to a process
 * on another node (a {@link SystemMessage} goes as its {@link SystemMessage#toTerm() term}); anything
 * else is refused at send time with {@link IllegalArgumentException}. The runtime delivers its own
 * messages as records: {@link Exit}, {@link Down}, {@link NodeDown}.
 *
 * <h2>Ending</h2>
 * A body that returns ends its process with {@code normal}; one that throws ends it with
 * {@code {{'java.lang.SomeException', <<"message">>}, Stack}} (a {@link ErlangError}: {@code {Reason, Stack}}),
 * the stack as Erlang prints one, {@value ThrowableReason#MAX_FRAMES} frames at most; {@link #exit(Term)}
 * ends it with that reason. A process killed by an exit signal while it runs Java code is interrupted,
 * and every later call it makes here throws {@link ProcessEnded} (an {@link Error}, which
 * {@code catch (Exception e)} does not catch), except {@link #self()}, {@link #node()},
 * {@link #isAlive()} and {@link #close()}. The limit: Java code that never calls in and ignores
 * interrupts (a CPU-bound loop) cannot be stopped; it ends when it next calls in.
 *
 * <p>A passive mailbox ends with {@code normal} when {@link #close() closed}, or once no thread can
 * reach it any more (it is then collected). Any thread may send from it; one thread at a time receives
 * from it (its owner), as only a process's own code receives from its mailbox.
 */
public final class Mailbox implements AutoCloseable {

    private final Node node;
    private final ProcessCore core;
    private Cleaner.Cleanable cleanable;

    Mailbox(Node node, ProcessCore core) {
        this.node = node;
        this.core = core;
    }

    void setCleanable(Cleaner.Cleanable cleanable) {
        this.cleanable = cleanable;
    }

    /** {@return this process's pid} */
    public Pid self() {
        return core.pid;
    }

    /** {@return the node this process lives on} */
    public Node node() {
        return node;
    }

    /** {@return whether this process still lives} */
    public boolean isAlive() {
        return core.isAlive();
    }

    // ---------------------------------------------------------------- messages

    /** Sends {@code message} to {@code to} ({@code To ! Message}); a dead or unreachable target drops it. */
    public void send(Pid to, Object message) {
        core.send(new Signal.Send(core.pid, to, checkedMessage(node, to.node(), message)));
    }

    /**
     * Sends to the process registered as {@code registeredName} on this node ({@code Name ! Message}).
     *
     * @throws ErlangError {@code badarg} if no process has that name
     */
    public void send(Atom registeredName, Object message) {
        core.sendToLocalName(registeredName, Objects.requireNonNull(message, "message"));
    }

    /** Sends to {@code {Name, Node}}; a missing name or unreachable node drops the message silently. */
    public void send(Atom registeredName, Atom toNode, Object message) {
        core.sendToName(toNode, registeredName, checkedMessage(node, toNode, message));
    }

    /**
     * Sends {@code message} through the process alias {@code alias} ({@code Alias ! Message}): it reaches the
     * process that made the alias, here or on another node, while the alias is active, and is dropped
     * otherwise. A reply to an OTP {@code gen:call} whose tag is {@code [alias|Ref]} goes to {@code Ref} this way.
     */
    public void send(Ref alias, Object message) {
        core.send(new Signal.AliasSend(core.pid, alias, checkedMessage(node, alias.node(), message)));
    }

    /**
     * {@return the message as it may go to {@code toNode}}: anything to this node; to another, a term, the term of a
     * runtime record, or what the node's {@link TermMapper} makes of a record, enum or other mapped value
     *
     * @throws IllegalArgumentException if a message for another node is none of those
     */
    static Object checkedMessage(Node from, Atom toNode, Object message) {
        Objects.requireNonNull(message, "message");
        if (toNode.equals(from.name())) {
            return message;
        }
        return switch (message) {
            case Term term -> term;
            case SystemMessage system -> system.toTerm();
            default -> {
                try {
                    yield from.termMapper().toTerm(message);
                } catch (TermMappingException | IllegalArgumentException notMapped) {
                    throw new IllegalArgumentException("only terms and mapped values go to other nodes; " + toNode
                            + " cannot receive a " + message.getClass().getName() + ": " + notMapped.getMessage(), notMapped);
                }
            }
        };
    }

    /**
     * {@return the first message that is a {@code type}, waiting as long as it takes: one sent as a {@code type} by a
     * process of this node, or a term from anywhere that the node's {@link TermMapper} maps to one} The others stay
     * queued in order. For a sealed interface of records, the match is one of its records:
     * {@code switch (self.receive(OrderEvent.class)) { case OrderPlaced p -> ...; case OrderShipped s -> ...; }}
     */
    public <T> T receive(Class<T> type) {
        return core.receive(typed(type), -1);
    }

    /** {@return the first message that is, or maps to, a {@code type}, or empty after {@code timeout}} */
    public <T> Optional<T> receive(Class<T> type, Duration timeout) {
        return Optional.ofNullable(core.receive(typed(type), nanos(timeout)));
    }

    /**
     * {@return {@code message} as a {@code type}, if it is one or is a term the node's {@link TermMapper} maps to one}
     * For code that receives any message and then asks what it is (a GenServer's {@code handleCall}).
     */
    public <T> Optional<T> as(Object message, Class<T> type) {
        return Optional.ofNullable(typed(type).match(message));
    }

    private <T> MessagePattern<T> typed(Class<T> type) {
        if (Term.class.isAssignableFrom(type) || SystemMessage.class.isAssignableFrom(type)) {
            return MessagePattern.ofType(type);
        }
        TermMapping<T> mapping = node.termMapper().mapping(type);
        return message -> type.isInstance(message) ? type.cast(message)
                : message instanceof Term term ? mapping.tryFromTerm(term).orElse(null) : null;
    }

    /** {@return the oldest message, waiting for one as long as it takes} */
    public Object receive() {
        return core.receive(message -> message, -1);
    }

    /** {@return the oldest message, or empty after {@code timeout} (zero: only a message already there)} */
    public Optional<Object> receive(Duration timeout) {
        return Optional.ofNullable(core.receive(message -> message, nanos(timeout)));
    }

    /** {@return the first message {@code filter} accepts, leaving the others queued in order; waits as long as it takes} */
    public Object receiveIf(Predicate<Object> filter) {
        return core.receive(message -> filter.test(message) ? message : null, -1);
    }

    /** {@return the first message {@code filter} accepts, or empty after {@code timeout}} */
    public Optional<Object> receiveIf(Predicate<Object> filter, Duration timeout) {
        return Optional.ofNullable(core.receive(message -> filter.test(message) ? message : null, nanos(timeout)));
    }

    /** {@return what {@code pattern} makes of the first message it accepts, leaving the others queued in order} */
    public <R> R receive(MessagePattern<R> pattern) {
        return core.receive(pattern, -1);
    }

    /** {@return what {@code pattern} makes of the first message it accepts, or empty after {@code timeout}} */
    public <R> Optional<R> receive(MessagePattern<R> pattern, Duration timeout) {
        return Optional.ofNullable(core.receive(pattern, nanos(timeout)));
    }

    private static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a negative time-out: " + timeout);
        }
        return timeout.compareTo(Duration.ofDays(365)) > 0 ? -1 : timeout.toNanos();
    }

    /**
     * Makes a new alias of this process ({@code erlang:alias/0}): a reference through which any process, on
     * this node or another, can send to this one ({@link #send(Ref, Object)}; ALIAS_SEND on the wire) until
     * {@link #unalias(Ref)} or the end of the process.
     */
    public Ref alias() {
        return core.alias(AliasMode.EXPLICIT_UNALIAS);
    }

    /** Makes a new alias that ends as {@code mode} says ({@code erlang:alias/1}). {@return the alias} */
    public Ref alias(AliasMode mode) {
        return core.alias(Objects.requireNonNull(mode, "mode"));
    }

    /** Deactivates an alias of this process ({@code erlang:unalias/1}). {@return whether it was active} */
    public boolean unalias(Ref alias) {
        return core.unalias(alias);
    }

    // ---------------------------------------------------------------- processes

    /** {@return the pid of a new process running {@code body}} */
    public Pid spawn(ProcessBody body) {
        return node.spawn(core, body, false, false).pid();
    }

    /** {@return the pid of a new process running {@code body}, linked to this one atomically: it cannot end unlinked} */
    public Pid spawnLink(ProcessBody body) {
        return node.spawn(core, body, true, false).pid();
    }

    /** {@return a new process running {@code body}, and the reference of this process's monitor on it} */
    public Spawned spawnMonitor(ProcessBody body) {
        return node.spawn(core, body, false, true);
    }

    /**
     * Starts {@code module:function(args...)} in a new process on the Erlang node {@code onNode}
     * ({@code erlang:spawn/4}) and waits for the node's answer. {@return the new process's pid} If the node
     * cannot be reached, the pid is that of a local process that ends at once with {@code noconnection}, as in
     * Erlang.
     *
     * @throws ErlangError if the node refused for another reason
     */
    public Pid spawn(Atom onNode, Atom module, Atom function, List<? extends Term> args) {
        return node.spawnRemote(core, onNode, module, function, List.copyOf(args), false, false).pid();
    }

    /**
     * Starts {@code module:function(args...)} on the Erlang node {@code onNode}, linked to this process atomically
     * ({@code erlang:spawn_link/4}): the node links the new process before it runs, and the link is in this
     * process's table before any signal from it is applied, so the child cannot end unlinked, even if it ends at
     * once. Waits for the node's answer. {@return the new process's pid} If the node cannot be reached, this
     * process gets, as in Erlang, an exit signal {@code noconnection} (from a local process that ends at once).
     *
     * @throws ErlangError if the node refused for another reason
     */
    public Pid spawnLink(Atom onNode, Atom module, Atom function, List<? extends Term> args) {
        return node.spawnRemote(core, onNode, module, function, List.copyOf(args), true, false).pid();
    }

    /**
     * Starts {@code module:function(args...)} on the Erlang node {@code onNode}, monitored by this process from its
     * first moment ({@code erlang:spawn_monitor/4}). {@return the new process and the monitor's reference} If the
     * node cannot be reached, a {@link Down} {@code noconnection} follows.
     *
     * @throws ErlangError if the node refused for another reason
     */
    public Spawned spawnMonitor(Atom onNode, Atom module, Atom function, List<? extends Term> args) {
        return node.spawnRemote(core, onNode, module, function, List.copyOf(args), false, true);
    }

    /**
     * Asks {@code onNode} for a new process running {@code module:function(args...)} without waiting for the answer
     * ({@code erlang:spawn_request/5}): linked to this process and/or monitored by it from its first moment as
     * {@code options} say. {@return the request's id} The answer arrives as a {@link SpawnResult} message (with
     * {@link SpawnOption#REPLY_ERROR_ONLY}, only a failed one); with
     * {@link SpawnOption#MONITOR}, the id is also the monitor's reference, so the new process's end arrives as a
     * {@link Down} with it. A node that cannot be reached answers {@code noconnection}.
     */
    public Ref spawnRequest(Atom onNode, Atom module, Atom function, List<? extends Term> args, SpawnOption... options) {
        List<SpawnOption> asked = List.of(options);
        return core.requestSpawn(onNode, module, function, List.copyOf(args), asked.contains(SpawnOption.LINK),
                asked.contains(SpawnOption.MONITOR), asked.contains(SpawnOption.REPLY_ERROR_ONLY));
    }

    /**
     * Abandons a spawn request still waiting for its answer ({@code erlang:spawn_request_abandon/1}): the new process,
     * if made, gets the exit signal {@code abandoned} through its link and loses its monitor, and no
     * {@link SpawnResult} arrives. {@return whether the request was still waiting}
     */
    public boolean spawnRequestAbandon(Ref reqId) {
        return core.abandonSpawn(reqId);
    }

    /** Registers this process as {@code name}. @throws ErlangError {@code badarg} if taken or already named */
    public void register(Atom name) {
        node.register(name, core.pid);
    }

    // ---------------------------------------------------------------- links and exits

    /**
     * Links this process to {@code pid} ({@code link/1}). Linking twice keeps one link; linking to
     * itself does nothing. For a local pid that does not exist, a process that traps exits gets
     * {@code Exit(pid, noproc)} and one that does not fails with {@code noproc}; for a remote pid the
     * answer comes later as an exit signal ({@code noproc}, or {@code noconnection} if the node cannot
     * be reached).
     *
     * @return whether a new link was made
     * @throws ErlangError {@code noproc} as said above
     */
    public boolean link(Pid pid) {
        return core.link(pid);
    }

    /**
     * Removes the link to {@code pid} ({@code unlink/1}). Once it returns, the old link has no effect on
     * this process; an {@link Exit} it brought may already be in the mailbox.
     *
     * @return whether there was a link
     */
    public boolean unlink(Pid pid) {
        return core.unlink(pid);
    }

    /** Sets {@code process_flag(trap_exit, on)}. {@return the previous value} */
    public boolean trapExit(boolean on) {
        return core.trapExit(on);
    }

    /**
     * Limits how many messages this process's mailbox may hold (0: no limit, the default), as BEAM's
     * {@code max_heap_size} limits a process: a process whose mailbox grows past it ends with {@code killed} (its
     * links and monitors see that reason) and an error is logged. One flooded mailbox cannot then take the JVM down.
     * {@return the previous limit}
     */
    public int maxMessageQueueLength(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a message queue limit: " + limit + " (expected: >= 0)");
        }
        return core.maxMessages(limit);
    }

    /** {@return whether this process traps exits} */
    public boolean trapsExits() {
        return core.trapsExits();
    }

    /** Sends the exit signal {@code reason} to {@code pid} ({@code exit/2}), following docs/semantics.md's second table. */
    public void exit(Pid pid, Term reason) {
        core.exitSignal(pid, reason);
    }

    /**
     * Ends this process with {@code reason} ({@code exit/1}): its links get {@code reason} (even
     * {@code kill}, which a link carries as an ordinary, trappable reason). Always throws.
     *
     * @throws ProcessEnded always: let it leave the body
     */
    public ProcessEnded exit(Term reason) {
        throw new ProcessEnded(core.finish(Objects.requireNonNull(reason, "reason")));
    }

    // ---------------------------------------------------------------- monitors

    /**
     * Monitors {@code pid}: {@return a new reference} When the process ends, a {@link Down} with that
     * reference and the pid arrives; for a process that does not exist, at once with {@code noproc}.
     */
    public Ref monitor(Pid pid) {
        return core.monitor(pid, null);
    }

    /**
     * Monitors {@code pid} as {@link #monitor(Pid)} does, the reference being an alias of this process as well, which
     * ends as {@code alias} says ({@code erlang:monitor(process, Pid, [{alias, Mode}])}). {@return the reference}
     */
    public Ref monitor(Pid pid, MonitorAlias alias) {
        return core.monitor(pid, Objects.requireNonNull(alias, "alias"));
    }

    /** Monitors the process registered as {@code registeredName} on this node; the {@link Down} names {@code {Name, Node}}. */
    public Ref monitor(Atom registeredName) {
        return core.monitor(registeredName, node.name(), null);
    }

    /** Monitors {@code {Name, Node}}; the {@link Down} names {@code {Name, Node}}. */
    public Ref monitor(Atom registeredName, Atom onNode) {
        return core.monitor(registeredName, onNode, null);
    }

    /** Monitors {@code {Name, Node}}, the reference being an alias of this process as well (see {@link #monitor(Pid, MonitorAlias)}). */
    public Ref monitor(Atom registeredName, Atom onNode, MonitorAlias alias) {
        return core.monitor(registeredName, onNode, Objects.requireNonNull(alias, "alias"));
    }

    /** Removes a monitor ({@code demonitor/1}); an unknown or fired reference is no error. {@return whether it was held} */
    public boolean demonitor(Ref ref) {
        return core.demonitor(ref, false);
    }

    /**
     * Removes a monitor; with {@code flush}, also a {@link Down} of it already in the mailbox
     * ({@code demonitor(Ref, [flush])}). {@return whether it was held}
     */
    public boolean demonitor(Ref ref, boolean flush) {
        return core.demonitor(ref, flush);
    }

    /**
     * Monitors the connection to {@code onNode}: {@return a new reference} A {@link NodeDown} arrives
     * when the connection is lost, or at once if the node cannot be reached (without distribution: any
     * other node). On this node's own name it never fires.
     */
    public Ref monitorNode(Atom onNode) {
        return core.monitorNode(onNode);
    }

    /** Removes a node monitor. {@return whether it was held and had not fired} */
    public boolean demonitorNode(Ref ref) {
        return core.demonitorNode(ref);
    }

    /**
     * Subscribes this process ({@code on}) to visible nodes coming up and going down, or drops one subscription
     * ({@code net_kernel:monitor_nodes/1}): each connection to a visible node that comes up brings a {@link NodeUp},
     * each that goes down a {@link NodeDown}, once for every subscription held.
     */
    public void monitorNodes(boolean on) {
        core.monitorNodes(on);
    }

    // ---------------------------------------------------------------- introspection

    /** {@return a snapshot of this process} */
    public ProcessInfo info() {
        ProcessInfo info = core.info();
        if (info == null) {
            throw new ProcessEnded(core.exitReason());
        }
        return info;
    }

    /** {@return the processes this one is linked to} */
    public List<Pid> links() {
        return info().links();
    }

    /** {@return the processes this one monitors by pid} */
    public List<Pid> monitors() {
        return info().monitors();
    }

    /** {@return the names this process monitors} */
    public List<ProcessName> monitorsByName() {
        return info().monitorsByName();
    }

    /** {@return the processes that monitor this one} */
    public List<Pid> monitoredBy() {
        return info().monitoredBy();
    }

    /** Ends this process with {@code normal} if it still lives; never throws. */
    @Override
    public void close() {
        if (cleanable != null) {
            cleanable.clean();
        } else {
            core.finish(Reasons.NORMAL);
        }
    }

    @Override
    public String toString() {
        return "mailbox " + core.pid;
    }
}
