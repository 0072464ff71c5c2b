package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Mailbox;
import java.util.List;
import java.util.function.Consumer;

/** What {@code global_name_server} tells its locker (global.erl, "Between global_name_server and my locker"). */
sealed interface LockerEvent {

    /** {@code {his_the_locker, Pid, {Vsn, _}, HisTag, MyTag}}: a session with the node of {@code locker} began. */
    record HisTheLocker(Pid locker, int vsn, Term hisTag, Term myTag) implements LockerEvent {
    }

    /**
     * {@code {cancel, Node, Tag, Fun}}: the session {@code tag} with {@code node} is over; {@code beforeUnlock}
     * (null for {@code no_fun}) runs on the locker before the lock on the partition is released.
     */
    record Cancel(Atom node, Term tag, Consumer<Mailbox> beforeUnlock) implements LockerEvent {
    }

    /** {@code {add_to_known, Nodes}}. */
    record AddToKnown(List<Atom> nodes) implements LockerEvent {
    }

    /** {@code {remove_from_known, Node}}. */
    record RemoveFromKnown(Atom node) implements LockerEvent {
    }

    /** A {@code lock_set} from another node's locker, passed on by the server (vsn 6 on) or sent to us directly. */
    record LockSetFrom(Atom node, Inbound.LockSet lockSet) implements LockerEvent {
    }
}
