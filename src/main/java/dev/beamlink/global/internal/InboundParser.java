package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.otp.internal.Printed;
import java.util.List;

/**
 * Reads what other nodes send to {@code global_name_server} into {@link Inbound} records: the contents of
 * {@code {'$gen_cast', Message}} ({@link #cast}) and plain messages ({@link #info}). Anything else, or a known
 * message of the wrong shape, is a {@link GlobalTerms.MalformedMessage}.
 */
final class InboundParser {

    private static final Atom LOCKER = Atom.of("locker");
    private static final Atom LOCK = Atom.of("lock");

    private InboundParser() {
    }

    /** {@return the cast {@code message} is} (the {@code Message} of {@code {'$gen_cast', Message}}) */
    static Inbound cast(Term message) {
        Tuple t = tagged(message);
        return switch (((Atom) t.get(0)).text()) {
            case "init_connect" -> initConnect(GlobalTerms.tuple(t, 4, "init_connect"));
            case "exchange" -> {
                Tuple m = GlobalTerms.tuple(t, 5, "exchange");
                yield new Inbound.Exchange(node(m.get(1)), GlobalTerms.listOf(m.get(2), "exchange's names", NameEntry::of),
                        m.get(4));
            }
            case "resolved" -> {
                Tuple m = GlobalTerms.tuple(t, 7, "resolved");
                yield new Inbound.Resolved(node(m.get(1)), GlobalTerms.listOf(m.get(2), "resolved's operations", NameOp::of),
                        GlobalTerms.listOf(m.get(3), "resolved's known nodes", KnownNode::of),
                        GlobalTerms.listOf(m.get(5), "resolved's external names", ExtName::of), m.get(6));
            }
            case "new_nodes" -> {
                Tuple m = GlobalTerms.tuple(t, 6, "new_nodes");
                yield new Inbound.NewNodes(node(m.get(1)), GlobalTerms.listOf(m.get(2), "new_nodes' operations", NameOp::of),
                        GlobalTerms.listOf(m.get(3), "new_nodes' external names", ExtName::of),
                        GlobalTerms.listOf(m.get(4), "new_nodes' nodes", KnownNode::of), extraInfo(m.get(5), LOCK));
            }
            case "in_sync" -> new Inbound.InSync(node(GlobalTerms.tuple(t, 3, "in_sync").get(1)));
            case "lock_set" -> lockSet(t);
            case "async_del_name", "async_del_lock" -> new Inbound.Obsolete(((Atom) t.get(0)).text());
            default -> throw new GlobalTerms.MalformedMessage("an unexpected cast: " + Printed.of(message));
        };
    }

    /** {@return the plain message {@code message} is} */
    static Inbound info(Term message) {
        Tuple t = tagged(message);
        return switch (((Atom) t.get(0)).text()) {
            case "init_connect_ack" -> {
                Tuple m = GlobalTerms.tuple(t, 4, "init_connect_ack");
                yield new Inbound.InitConnectAck(node(m.get(1)), m.get(2), m.get(3));
            }
            case "cancel_connect" -> {
                Tuple m = GlobalTerms.tuple(t, 3, "cancel_connect");
                yield new Inbound.CancelConnect(node(m.get(1)), m.get(2));
            }
            case "lost_connection" -> {
                Tuple m = GlobalTerms.tuple(t, 5, "lost_connection");
                yield new Inbound.LostConnection(m, node(m.get(1)), m.get(2), m.get(3), node(m.get(4)));
            }
            case "remove_connection" -> new Inbound.RemoveConnection(node(GlobalTerms.tuple(t, 2, "remove_connection").get(1)));
            default -> throw new GlobalTerms.MalformedMessage("an unexpected message: " + Printed.of(message));
        };
    }

    private static Tuple tagged(Term message) {
        if (message instanceof Tuple t && t.size() > 0 && t.get(0) instanceof Atom) {
            return t;
        }
        throw new GlobalTerms.MalformedMessage("an unexpected message: " + Printed.of(message));
    }

    private static Atom node(Term term) {
        return GlobalTerms.atom(term, "a node name");
    }

    /**
     * {@code {init_connect, Vsn, Node, InitMsg}}: Vsn is {@code {HisVsn, HisTag}}, or a longer tuple from a newer
     * global ("to be future compatible": its first two elements are read the same way).
     */
    private static Inbound initConnect(Tuple m) {
        if (!(m.get(1) instanceof Tuple vsn) || vsn.size() < 2) {
            throw new GlobalTerms.MalformedMessage("an illegal global protocol version " + m.get(1) + " from " + m.get(2));
        }
        Tuple init = GlobalTerms.tuple(m.get(3), 4, "init_connect's locker message");
        if (!init.get(0).equals(LOCKER)) {
            throw new GlobalTerms.MalformedMessage("init_connect's locker message is not {locker, ...}: " + init);
        }
        return new Inbound.InitConnect(GlobalTerms.smallInt(vsn.get(0), "the global protocol version"), vsn.get(1),
                node(m.get(2)), GlobalTerms.pid(init.get(3), "his locker"), vsn.size() > 2);
    }

    private static Inbound lockSet(Tuple t) {
        if (t.size() != 4 && t.size() != 5) {
            throw new GlobalTerms.MalformedMessage("lock_set is not a tuple of 4 or 5: " + t);
        }
        return new Inbound.LockSet(GlobalTerms.pid(t.get(1), "lock_set's locker"), GlobalTerms.bool(t.get(2), "lock_set's flag"),
                t.size() == 5 ? t.get(4) : null);
    }

    /** {@return the value of {@code {Key, Value}} in an ExtraInfo list, null if none (as {@code extra_info/2})} */
    private static Term extraInfo(Term info, Atom key) {
        List<Term> items = info instanceof ErlList list ? list.elements() : List.of();
        for (Term item : items) {
            if (item instanceof Tuple pair && pair.size() == 2 && pair.get(0).equals(key)) {
                return pair.get(1);
            }
        }
        return null;
    }
}
