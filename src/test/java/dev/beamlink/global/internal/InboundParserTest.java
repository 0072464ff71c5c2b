package dev.beamlink.global.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.ExternalFun;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.global.NameConflict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** global's messages as this node sends them are read back the same, and what is malformed is said so. */
class InboundParserTest {

    private static final Atom SELF = Atom.of("java@localhost");
    private static final Pid LOCKER = new Pid(SELF, 1, 0, 3);
    private static final Pid HOLDER = new Pid(SELF, 7, 0, 3);
    private static final Term TAG = Int.of(42);

    private static Term castBody(Tuple cast) {
        assertTrue(cast.isTagged(GlobalTerms.GEN_CAST, 2));
        return cast.get(1);
    }

    @Test
    void whatThisNodeSendsReadsBack() {
        Inbound.InitConnect init = (Inbound.InitConnect) InboundParser.cast(
                castBody(Outbound.initConnect(8, TAG, SELF, ErlMap.EMPTY, LOCKER)));
        assertEquals(new Inbound.InitConnect(8, TAG, SELF, LOCKER, false), init);

        NameEntry entry = new NameEntry(Atom.of("svc"), HOLDER, ResolveMethods.of(NameConflict.RANDOM_EXIT));
        assertEquals(new Inbound.Exchange(SELF, List.of(entry), TAG),
                InboundParser.cast(castBody(Outbound.exchange(SELF, List.of(entry), TAG))));

        List<NameOp> ops = List.of(new NameOp.Insert(entry), new NameOp.Delete(Atom.of("gone")));
        Term known = ErlList.of(new KnownNode(Atom.of("erl@localhost"), 8).toTerm());
        assertEquals(new Inbound.Resolved(SELF, ops, List.of(new KnownNode(Atom.of("erl@localhost"), 8)), List.of(), TAG),
                InboundParser.cast(castBody(Outbound.resolved(SELF, ops, known, List.of(), TAG))));

        LockId lock = LockId.ofLockers(LOCKER, new Pid(Atom.of("erl@localhost"), 56, 0, 1));
        Inbound.NewNodes newNodes = (Inbound.NewNodes) InboundParser.cast(castBody(
                Outbound.newNodes(SELF, ops, List.of(), known, Outbound.extraInfo(Int.of(8), lock.toTerm()))));
        assertEquals(lock.toTerm(), newNodes.lock());
        assertEquals(ops, newNodes.ops());

        assertEquals(new Inbound.InSync(SELF), InboundParser.cast(castBody(Outbound.inSync(SELF))));
        assertEquals(new Inbound.LockSet(LOCKER, true, TAG),
                InboundParser.cast(Outbound.lockSet(LOCKER, true, List.of(SELF), TAG)));
        assertEquals(new Inbound.LockSet(LOCKER, false, null),
                InboundParser.cast(Outbound.lockSet(LOCKER, false, List.of(), null)), "the form older than vsn 8");
        assertEquals(new Inbound.InitConnectAck(SELF, TAG, Int.of(1)),
                InboundParser.info(Outbound.initConnectAck(SELF, TAG, Int.of(1))));
        assertEquals(new Inbound.CancelConnect(SELF, TAG), InboundParser.info(Outbound.cancelConnect(SELF, TAG)));
        assertEquals(new Inbound.RemoveConnection(SELF), InboundParser.info(Outbound.removeConnection(SELF)));
        Tuple lost = Outbound.lostConnection(SELF, Int.of(5), TAG, Atom.of("erl@localhost"));
        assertEquals(new Inbound.LostConnection(lost, SELF, Int.of(5), TAG, Atom.of("erl@localhost")),
                InboundParser.info(lost));
    }

    @Test
    void aNewerGlobalsVersionTupleIsReadByItsFirstTwoElements() {
        Tuple init = Tuple.of(Atom.of("init_connect"), Tuple.of(Int.of(9), TAG, Atom.of("more")), SELF,
                Tuple.of(Atom.of("locker"), Atom.of("no_longer_a_pid"), Nil.NIL, LOCKER));
        assertEquals(new Inbound.InitConnect(9, TAG, SELF, LOCKER, true), InboundParser.cast(init));
    }

    @Test
    void newNodesWithoutALockInItsExtraInformationHasNone() {
        Tuple newNodes = Tuple.of(Atom.of("new_nodes"), SELF, Nil.NIL, Nil.NIL, ErlList.of(SELF), Atom.of("junk"));
        assertNull(((Inbound.NewNodes) InboundParser.cast(newNodes)).lock());
        assertEquals(List.of(new KnownNode(SELF, 0)), ((Inbound.NewNodes) InboundParser.cast(newNodes)).nodes(),
                "a bare node name is a node of unknown version");
    }

    @Test
    void malformedMessagesAreSaidToBe() {
        List<Term> casts = List.of(Atom.of("garbage"), Tuple.of(Atom.of("init_connect"), Int.of(8), SELF, Nil.NIL),
                Tuple.of(Atom.of("exchange"), SELF, Atom.of("not_a_list"), Nil.NIL, TAG),
                Tuple.of(Atom.of("exchange"), SELF, new ErlList(List.of(Int.of(1)), Atom.of("improper")), Nil.NIL, TAG),
                Tuple.of(Atom.of("resolved"), SELF, ErlList.of(Atom.of("bad")), Nil.NIL, Atom.of("unused"), Nil.NIL, TAG),
                Tuple.of(Atom.of("lock_set"), LOCKER, Atom.of("maybe"), Nil.NIL, TAG),
                Tuple.of(Atom.of("in_sync"), Int.of(1), Atom.TRUE),
                Tuple.of(Atom.of("no_such_cast")));
        for (Term cast : casts) {
            assertThrows(GlobalTerms.MalformedMessage.class, () -> InboundParser.cast(cast), cast.toString());
        }
        assertThrows(GlobalTerms.MalformedMessage.class, () -> InboundParser.info(Tuple.of(Atom.of("remove_connection"))));
        assertThrows(GlobalTerms.MalformedMessage.class, () -> Request.of(Tuple.of(Atom.of("set_lock"), Atom.of("x"))));
        assertInstanceOf(Request.SetLock.class, Request.of(new Request.SetLock(new LockId(Atom.of("r"), LOCKER)).toTerm()));
        assertEquals(new Request.Register(new NameEntry(Atom.of("n"), HOLDER, new ExternalFun(Atom.of("m"), Atom.of("f"), 3))),
                Request.of(Tuple.of(Atom.of("register"), Atom.of("n"), HOLDER, new ExternalFun(Atom.of("m"), Atom.of("f"), 3))));
    }
}
