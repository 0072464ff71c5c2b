package dev.beamlink.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Ref;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Signal;
import dev.beamlink.testing.Await;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Process aliases (erlang:alias/1, unalias/1): locally, from the wire, and to other nodes. */
class AliasesTest extends NodeFixture {

    @Test
    void aMessageThroughAnActiveAliasReachesItsProcessUntilUnaliased() {
        Ref alias = test.alias();
        try (Mailbox other = node.mailbox()) {
            other.send(alias, Atom.of("one"));
            assertEquals(Optional.of(Atom.of("one")), test.receive(Await.PATIENCE));
            other.send(alias, Atom.of("two"));
            assertEquals(Optional.of(Atom.of("two")), test.receive(Await.PATIENCE));
            assertTrue(test.unalias(alias));
            assertFalse(test.unalias(alias), "an alias is deactivated once");
            other.send(alias, Atom.of("dropped"));
            assertEquals(Optional.empty(), test.receive(Await.QUIET));
        }
    }

    @Test
    void aMonitorsAliasLivesAsLongAsItsMonitor() {
        try (Mailbox target = node.mailbox(); Mailbox other = node.mailbox()) {
            Ref ref = test.monitor(target.self(), MonitorAlias.DEMONITOR);
            other.send(ref, Atom.of("while_monitored"));
            assertEquals(Optional.of(Atom.of("while_monitored")), test.receive(Await.PATIENCE));
            test.demonitor(ref);
            other.send(ref, Atom.of("after_demonitor"));
            assertEquals(Optional.empty(), test.receive(Await.QUIET), "the alias went with the monitor");

            Ref second = test.monitor(target.self(), MonitorAlias.DEMONITOR);
            target.close();
            assertTrue(test.receive(m -> m instanceof Down d && d.ref().equals(second) ? d : null, Await.PATIENCE).isPresent());
            other.send(second, Atom.of("after_down"));
            assertEquals(Optional.empty(), test.receive(Await.QUIET), "the alias went with the fired monitor");
        }
    }

    @Test
    void aReplyDemonitorAliasTakesOneMessageAndItsMonitorWithIt() {
        try (Mailbox target = node.mailbox(); Mailbox other = node.mailbox()) {
            Ref ref = test.monitor(target.self(), MonitorAlias.REPLY_DEMONITOR);
            other.send(ref, Atom.of("reply"));
            other.send(ref, Atom.of("late"));
            assertEquals(Optional.of(Atom.of("reply")), test.receive(Await.PATIENCE));
            target.close();
            assertEquals(Optional.empty(), test.receive(Await.QUIET), "no late message and no DOWN: the monitor is gone");
        }
    }

    @Test
    void aMonitorOfADeadProcessStartsNoAlias() {
        Mailbox gone = node.mailbox();
        gone.close();
        Ref ref = test.monitor(gone.self(), MonitorAlias.DEMONITOR);
        assertTrue(test.receive(m -> m instanceof Down d && d.ref().equals(ref) ? d : null, Await.PATIENCE).isPresent());
        try (Mailbox other = node.mailbox()) {
            other.send(ref, Atom.of("x"));
        }
        assertEquals(Optional.empty(), test.receive(Await.QUIET));
    }

    @Test
    void aReplyAliasTakesOneMessage() {
        Ref alias = test.alias(AliasMode.REPLY);
        try (Mailbox other = node.mailbox()) {
            other.send(alias, Atom.of("reply"));
            other.send(alias, Atom.of("late"));
            assertEquals(Optional.of(Atom.of("reply")), test.receive(Await.PATIENCE));
            assertEquals(Optional.empty(), test.receive(Await.QUIET));
            assertFalse(test.unalias(alias));
        }
    }

    @Test
    void onlyTheProcessThatMadeAnAliasCanUnaliasIt() {
        Ref alias = test.alias();
        try (Mailbox other = node.mailbox()) {
            assertFalse(other.unalias(alias));
            other.send(alias, Atom.of("still"));
            assertEquals(Optional.of(Atom.of("still")), test.receive(Await.PATIENCE));
        }
    }

    @Test
    void theAliasesOfAnEndedProcessAreGone() {
        Mailbox gone = node.mailbox();
        Ref alias = gone.alias();
        gone.close();
        test.send(alias, Atom.of("nobody"));
        assertEquals(Optional.empty(), test.receive(Await.QUIET));
    }

    @Test
    void anAliasSendFromTheWireIsDeliveredAndOneForAnotherNodeGoesToTheTransport() {
        FakeTransport transport = new FakeTransport().reachable(Atom.of("peer@h"));
        Attachment binding = node.attach(transport);
        Ref alias = test.alias();
        Atom peer = Atom.of("peer@h");
        binding.inject(transport.circuit(peer),
                new Signal.AliasSend(FakeTransport.remotePid(peer, 1), alias, Atom.of("wire")));
        assertEquals(Optional.of(Atom.of("wire")), test.receive(Await.PATIENCE));

        Ref remoteAlias = new Ref(Atom.of("peer@h"), 7, new int[] {1, 2, 3});
        test.send(remoteAlias, Atom.of("out"));
        Signal.AliasSend sent = transport.awaitSent(Signal.AliasSend.class, 1).getFirst();
        assertEquals(new Signal.AliasSend(test.self(), remoteAlias, Atom.of("out")), sent);
    }
}
