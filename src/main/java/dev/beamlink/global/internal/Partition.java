package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes global knows, as global.erl's {@code known} map and {@code synced} list keep them: known nodes (our
 * partition, with the protocol version each speaks), nodes being connected ({@code {pending, Node}}), nodes being
 * removed to prevent overlapping partitions ({@code {removing, Node}}), and the nodes we are in sync with. Only the
 * server changes it; {@link #knownNodes()} is safe from any thread.
 */
final class Partition {

    /** The protocol version this node speaks ({@code ?vsn}). */
    static final int VSN = 8;
    /** The version that brought {@code init_connect_ack}, {@code cancel_connect} and tagged lock_set ({@code ?verify_connect_vsn}). */
    static final int VERIFY_CONNECT_VSN = 8;
    /** The version that brought {@code lost_connection} and {@code remove_connection} ({@code ?pop_vsn}). */
    static final int POP_VSN = 7;
    /** The version from which known nodes travel with their versions ({@code ?pgpv_vsn}). */
    static final int PGPV_VSN = 7;

    private final Atom self;
    private final Map<Atom, Integer> known = new LinkedHashMap<>();
    private final Map<Atom, Integer> pending = new LinkedHashMap<>();
    private final Set<Atom> removing = new HashSet<>();
    private final Set<Atom> synced = new LinkedHashSet<>();
    private volatile List<Atom> knownSnapshot = List.of();

    Partition(Atom self) {
        this.self = self;
    }

    /** {@return the known nodes, a snapshot safe from any thread} ({@code get_known}) */
    List<Atom> knownNodes() {
        return knownSnapshot;
    }

    /** {@return the known nodes with their versions} */
    Map<Atom, Integer> knownVersions() {
        return Map.copyOf(known);
    }

    boolean isKnown(Atom node) {
        return known.containsKey(node);
    }

    boolean isPending(Atom node) {
        return pending.containsKey(node);
    }

    /** {@return whether the node is known or being connected} ({@code is_node_potentially_known/2}) */
    boolean isPotentiallyKnown(Atom node) {
        return known.containsKey(node) || pending.containsKey(node);
    }

    /** {@return the node's version as far as we know it, 0 if we do not} ({@code node_vsn/2}) */
    int vsnOf(Atom node) {
        if (node.equals(self)) {
            return VSN;
        }
        Integer vsn = known.get(node);
        if (vsn == null) {
            vsn = pending.get(node);
        }
        return vsn == null ? 0 : vsn;
    }

    /** {@return the version of the node being connected, null if it is not} */
    Integer pendingVsn(Atom node) {
        return pending.get(node);
    }

    void setPending(Atom node, int vsn) {
        pending.put(node, vsn);
    }

    void clearPending(Atom node) {
        pending.remove(node);
    }

    /** Forgets every node being connected: their sessions ended with the server that ran them. */
    void clearPending() {
        pending.clear();
    }

    /** {@return the nodes being connected with their versions} */
    Map<Atom, Integer> pendingVersions() {
        return Map.copyOf(pending);
    }

    /** {@return the known list for a node of version {@code vsn}} ({@code mk_known_list/2}): with versions from 7 on */
    Term knownList(int vsn) {
        List<Term> nodes = new ArrayList<>();
        known.forEach((node, v) -> nodes.add(vsn < PGPV_VSN ? node : new KnownNode(node, v).toTerm()));
        return ErlList.from(nodes);
    }

    /** {@return the known nodes as the map global puts in init_connect} (the receiver does not read it) */
    Term knownMap() {
        Map<Term, Term> entries = new LinkedHashMap<>();
        known.forEach((node, v) -> entries.put(node, Int.of(v)));
        return new ErlMap(entries);
    }

    /** {@return the nodes with the versions we know for those that came without} ({@code make_node_vsn_list/2}) */
    List<KnownNode> withVersions(List<KnownNode> nodes) {
        return nodes.stream().map(n -> n.vsn() == 0 ? new KnownNode(n.node(), vsnOf(n.node())) : n).toList();
    }

    /** Adds the nodes not known yet ({@code add_to_known/2}). {@return the nodes added} */
    List<Atom> addToKnown(List<KnownNode> nodes) {
        List<Atom> added = new ArrayList<>();
        for (KnownNode n : nodes) {
            if (n.node().equals(self)) {
                continue;
            }
            if (!known.containsKey(n.node())) {
                known.put(n.node(), n.vsn());
                added.add(0, n.node());
            }
        }
        publish();
        return added;
    }

    /** Forgets a node that went down or was removed ({@code handle_nodedown/3}'s bookkeeping). */
    void forget(Atom node) {
        pending.remove(node);
        known.remove(node);
        synced.remove(node);
        publish();
    }

    /** Marks a node as being removed: its coming nodedown is not reported as a lost connection. */
    void markRemoving(Atom node) {
        removing.add(node);
    }

    /** {@return whether the node was being removed}, and forgets that it was */
    boolean unmarkRemoving(Atom node) {
        return removing.remove(node);
    }

    void addSynced(Atom node) {
        synced.add(node);
    }

    /** {@return the nodes we are in sync with} */
    List<Atom> synced() {
        return List.copyOf(synced);
    }

    private void publish() {
        knownSnapshot = List.copyOf(known.keySet());
    }
}
