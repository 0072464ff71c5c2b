package dev.beamlink.global;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.Registry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * OTP's {@code global} on a beamlink node: names registered once for the whole cluster, replicated on every node.
 * A published node takes part in global's protocol with every visible peer, as an Erlang node does; a hidden one
 * does not (its registry is its own).
 *
 * <pre>{@code
 * Global global = java.global();
 * global.sync(Duration.ofSeconds(5));                                // global:sync()
 * boolean yes = global.register(Atom.of("billing"), inbox.self());   // global:register_name(billing, Pid)
 * Optional<Pid> where = global.whereis(Atom.of("orders"));           // global:whereis_name(orders)
 * }</pre>
 *
 * <p>Lookups read this node's replica. A registered process's end, or the loss of its node, removes its name
 * everywhere. Registering takes global's lock on every node known, as {@code global:register_name/2} does, and may
 * wait while another node holds it.
 *
 * <p>Global is a {@link Registry}: {@code ServerRef.via(global, name)} calls a server by its global name,
 * {@code StartOptions.DEFAULTS.via(global, name)} registers one as it starts ({@code {global, Name}}).
 *
 * <p>Locks ({@link #setLock}, {@link #trans}) are global's: taken on the nodes named, by the calling process, which
 * holds them until it deletes them or ends; a lock an erl process holds keeps Java callers waiting, and the other way
 * round.
 */
public interface Global extends Registry {

    /** The retries of {@link #setLock(Mailbox, GlobalLock, List, int)} that never give up: {@code infinity}. */
    int RETRY_FOREVER = Integer.MAX_VALUE;

    /** {@return the process registered globally as {@code name}, if any} ({@code global:whereis_name/1}) */
    Optional<Pid> whereis(Term name);

    /** {@return the globally registered names} ({@code global:registered_names/0}) */
    List<Term> registeredNames();

    /**
     * Registers {@code pid} (of this node or another) as {@code name} on every node ({@code global:register_name/2}),
     * a clash with another partition resolved by {@link NameConflict#RANDOM_EXIT}.
     * {@return true, or false if the name is taken or the process has a global name already}
     */
    boolean register(Term name, Pid pid);

    /** Registers as {@link #register(Term, Pid)}, a clash resolved by {@code onConflict} ({@code global:register_name/3}). */
    boolean register(Term name, Pid pid, NameConflict onConflict);

    /** Registers {@code pid} as {@code name} whether or not the name is taken ({@code global:re_register_name/2}). */
    void reRegister(Term name, Pid pid);

    /** Removes the global name {@code name} on every node ({@code global:unregister_name/1}); no name, no error. */
    void unregister(Term name);

    /**
     * Waits until global on this node is in sync with every visible node: their names here, ours there
     * ({@code global:sync/0}). {@return whether that happened within {@code timeout}}
     */
    boolean sync(Duration timeout);

    /**
     * Sends {@code message} to the process registered globally as {@code name} ({@code global:send/2}).
     * {@return that process}
     *
     * @throws dev.beamlink.node.ErlangExit {@code {badarg, {Name, Message}}} if no process has the name, as global
     *                                      exits
     */
    Pid send(Mailbox self, Term name, Term message);

    /**
     * Sets {@code lock} on this node and every visible one, retrying until it gets it ({@code global:set_lock/1}):
     * {@code self} holds it until {@link #delLock} or its end. {@return true}
     */
    boolean setLock(Mailbox self, GlobalLock lock);

    /**
     * Sets {@code lock} on {@code nodes} ({@code global:set_lock/3}), trying {@code retries} more times (with a random
     * wait, longer each time) while another requester holds it somewhere; {@link #RETRY_FOREVER} for {@code infinity}.
     * {@return whether {@code self} holds it now}
     */
    boolean setLock(Mailbox self, GlobalLock lock, List<Atom> nodes, int retries);

    /** Releases {@code self}'s hold of {@code lock} on this node and every visible one ({@code global:del_lock/1}). */
    void delLock(Mailbox self, GlobalLock lock);

    /** Releases {@code self}'s hold of {@code lock} on {@code nodes} ({@code global:del_lock/2}). */
    void delLock(Mailbox self, GlobalLock lock, List<Atom> nodes);

    /**
     * Runs {@code action} holding {@code lock} on this node and every visible one ({@code global:trans/2}), waiting for
     * it as long as it takes. {@return what {@code action} returned}
     */
    <T> T trans(Mailbox self, GlobalLock lock, Supplier<T> action);

    /**
     * Runs {@code action} holding {@code lock} on {@code nodes} ({@code global:trans/4}), releasing it after, whatever
     * {@code action} did. {@return what {@code action} returned, or empty ({@code aborted}) if the lock could not be set
     * within {@code retries}}
     */
    <T> Optional<T> trans(Mailbox self, GlobalLock lock, Supplier<T> action, List<Atom> nodes, int retries);

    /** {@return {@code {global, Name}}: how a server registered here is written in Erlang} */
    @Override
    default Term refTerm(Term name) {
        return Tuple.of(Atom.of("global"), name);
    }
}
