package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.List;

/**
 * The messages this node's global processes send to other nodes' {@code global_name_server}s and lockers, shaped
 * as global.erl shapes them. Casts come wrapped in {@code {'$gen_cast', Message}}; the rest are plain messages.
 */
final class Outbound {

    private static final Atom INIT_CONNECT = Atom.of("init_connect");
    private static final Atom INIT_CONNECT_ACK = Atom.of("init_connect_ack");
    private static final Atom CANCEL_CONNECT = Atom.of("cancel_connect");
    private static final Atom LOCKER = Atom.of("locker");
    private static final Atom NO_LONGER_A_PID = Atom.of("no_longer_a_pid");
    private static final Atom LOCK_SET = Atom.of("lock_set");
    private static final Atom EXCHANGE = Atom.of("exchange");
    private static final Atom RESOLVED = Atom.of("resolved");
    private static final Atom UNUSED = Atom.of("unused");
    private static final Atom NEW_NODES = Atom.of("new_nodes");
    private static final Atom IN_SYNC = Atom.of("in_sync");
    private static final Atom LOST_CONNECTION = Atom.of("lost_connection");
    private static final Atom REMOVE_CONNECTION = Atom.of("remove_connection");
    private static final Atom VSN = Atom.of("vsn");
    private static final Atom LOCK = Atom.of("lock");

    private Outbound() {
    }

    /** {@code {init_connect, {Vsn, MyTag}, Node, {locker, no_longer_a_pid, Known, TheLocker}}}, cast. */
    static Tuple initConnect(int vsn, Term myTag, Atom self, Term known, Pid locker) {
        return GlobalTerms.cast(Tuple.of(INIT_CONNECT, Tuple.of(Int.of(vsn), myTag), self,
                Tuple.of(LOCKER, NO_LONGER_A_PID, known, locker)));
    }

    /** {@code {init_connect_ack, Node, HisTag, MyTag}}. */
    static Tuple initConnectAck(Atom self, Term hisTag, Term myTag) {
        return Tuple.of(INIT_CONNECT_ACK, self, hisTag, myTag);
    }

    /** {@code {cancel_connect, Node, HisTag}}. */
    static Tuple cancelConnect(Atom self, Term hisTag) {
        return Tuple.of(CANCEL_CONNECT, self, hisTag);
    }

    /** {@code {lock_set, Locker, IsSet, Known, HisTag}}, or without the tag for a peer older than vsn 8. */
    static Tuple lockSet(Pid locker, boolean set, List<Atom> known, Term hisTag) {
        Term knownList = ErlList.from(known);
        return hisTag == null ? Tuple.of(LOCK_SET, locker, Atom.of(set), knownList)
                : Tuple.of(LOCK_SET, locker, Atom.of(set), knownList, hisTag);
    }

    /** {@code {exchange, Node, Names, [], HisTag}}, cast. */
    static Tuple exchange(Atom self, List<NameEntry> names, Term hisTag) {
        return GlobalTerms.cast(Tuple.of(EXCHANGE, self, ErlList.from(names.stream().map(NameEntry::toTerm).toList()),
                ErlList.from(List.of()), hisTag));
    }

    /** {@code {resolved, Node, Resolved, Known, unused, NamesExt, HisTag}}, cast. */
    static Tuple resolved(Atom self, List<NameOp> resolved, Term known, List<ExtName> namesExt, Term hisTag) {
        return GlobalTerms.cast(Tuple.of(RESOLVED, self, ops(resolved), known, UNUSED, extNames(namesExt), hisTag));
    }

    /** {@code {new_nodes, Node, Ops, NamesExt, NewNodes, ExtraInfo}}, cast. */
    static Tuple newNodes(Atom self, List<NameOp> ops, List<ExtName> namesExt, Term nodes, Term extraInfo) {
        return GlobalTerms.cast(Tuple.of(NEW_NODES, self, ops(ops), extNames(namesExt), nodes, extraInfo));
    }

    /** {@code [{vsn, ProtVsn}, {lock, LockId}]}, the ExtraInfo of new_nodes. */
    static Term extraInfo(Term protVsn, Term lockId) {
        return ErlList.of(Tuple.of(VSN, protVsn), Tuple.of(LOCK, lockId));
    }

    /** {@code {in_sync, Node, true}}, cast. */
    static Tuple inSync(Atom self) {
        return GlobalTerms.cast(Tuple.of(IN_SYNC, self, Atom.TRUE));
    }

    /** {@code {lost_connection, Node, XCreation, OpId, LostNode}}. */
    static Tuple lostConnection(Atom self, Term creation, Term opId, Atom lost) {
        return Tuple.of(LOST_CONNECTION, self, creation, opId, lost);
    }

    /** {@code {remove_connection, Node}}. */
    static Tuple removeConnection(Atom self) {
        return Tuple.of(REMOVE_CONNECTION, self);
    }

    private static Term ops(List<NameOp> ops) {
        return ErlList.from(ops.stream().map(NameOp::toTerm).toList());
    }

    private static Term extNames(List<ExtName> names) {
        return ErlList.from(names.stream().map(ExtName::toTerm).toList());
    }
}
