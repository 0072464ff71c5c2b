package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import java.util.List;

/**
 * What other nodes' global processes send to {@code global_name_server}, read from the wire ({@link InboundParser}):
 * the casts and plain messages of global.erl's connect protocol and of its "prevent overlapping partitions" part.
 * Calls ({@code gen_server:call}) are {@link Request}s.
 */
sealed interface Inbound {

    /**
     * {@code {init_connect, {Vsn, HisTag}, Node, {locker, _, _, HisTheLocker}}}: a node that saw us come up starts
     * a connect session. {@code newerShape}: the version came as a longer tuple (a future protocol).
     */
    record InitConnect(int hisVsn, Term hisTag, Atom node, Pid hisLocker, boolean newerShape) implements Inbound {
    }

    /** {@code {exchange, Node, Names, NamesExt, MyTag}}: the other partition's names, once its lock is set. */
    record Exchange(Atom node, List<NameEntry> names, Term tag) implements Inbound {
    }

    /** {@code {resolved, Node, HisResolved, HisKnown, _, NamesExt, MyTag}}: his clash resolutions and his partition. */
    record Resolved(Atom node, List<NameOp> ops, List<KnownNode> hisKnown, List<ExtName> namesExt, Term tag)
            implements Inbound {
    }

    /**
     * {@code {new_nodes, Node, Ops, NamesExt, Nodes, ExtraInfo}}: a node of our partition connected another
     * partition; {@code lock} is the lock it connected under ({@code {lock, LockId}} in ExtraInfo), if given.
     */
    record NewNodes(Atom node, List<NameOp> ops, List<ExtName> namesExt, List<KnownNode> nodes, Term lock)
            implements Inbound {
    }

    /** {@code {in_sync, Node, IsKnown}}: a node of the other partition is in sync with us. */
    record InSync(Atom node) implements Inbound {
    }

    /**
     * {@code {lock_set, Pid, IsSet, HisKnown, MyTag}} (vsn 8) or {@code {lock_set, Pid, IsSet, HisKnown}}: the
     * other side's locker tells ours whether it locked its partition; {@code tag} is null in the older form.
     */
    record LockSet(Pid locker, boolean set, Term tag) implements Inbound {
    }

    /** {@code {async_del_name, _, _}} and {@code {async_del_lock, _, _}} of R13B and older: monitors do that now. */
    record Obsolete(String what) implements Inbound {
    }

    /** {@code {init_connect_ack, Node, HisMyTag, HisHisTag}} (vsn 8): both sides agree on the session. */
    record InitConnectAck(Atom node, Term hisMyTag, Term hisHisTag) implements Inbound {
    }

    /** {@code {cancel_connect, Node, MyTag}} (vsn 8): the other side gave up this session; start another. */
    record CancelConnect(Atom node, Term tag) implements Inbound {
    }

    /** {@code {lost_connection, NodeA, XCreationA, OpIdA, NodeB}} (vsn 7): NodeA lost its connection to NodeB. */
    record LostConnection(Term message, Atom nodeA, Term creationA, Term opIdA, Atom nodeB) implements Inbound {
    }

    /** {@code {remove_connection, Node}} (vsn 7): Node asks us to disconnect from it. */
    record RemoveConnection(Atom node) implements Inbound {
    }
}
