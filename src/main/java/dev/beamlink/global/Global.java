package dev.beamlink.global;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
 */
public interface Global {

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
}
