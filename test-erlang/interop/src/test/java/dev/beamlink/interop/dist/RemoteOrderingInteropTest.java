package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.node.Reasons;
import dev.beamlink.testing.Await;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md, "Ordering", over one connection: messages, links, unlinks, exit signals, monitors and DOWNs from
 * one process to another arrive in the order they were sent, in both directions, none lost or doubled.
 */
@Tag("interop")
class RemoteOrderingInteropTest extends WireFixture {

    private static final int COUNT = 2_000;
    private static final Atom DONE = Atom.of("done");

    @Test
    void messagesThenAnExitSignalFromJavaReachErlInTheOrderSent() {
        Pid receiver = erl.probe(true);
        Mailbox sender = mailbox();
        List<Term> expected = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            if (i == COUNT / 2) {
                sender.link(receiver);       // a LINK among the messages changes nothing in their order
                sender.unlink(receiver);
            }
            sender.send(receiver, Int.of(i));
            expected.add(Int.of(i));
        }
        sender.exit(receiver, DONE);
        expected.add(Tuple.of(Atom.of("EXIT"), sender.self(), DONE));
        assertEquals(expected, erl.messages(receiver, COUNT + 1, PATIENCE));
    }

    @Test
    void messagesThenTheEndOfALinkedJavaProcessReachErlInTheOrderSent() {
        Pid receiver = erl.probe(true);
        Mailbox sender = mailbox();
        sender.link(receiver);
        List<Term> expected = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            sender.send(receiver, Int.of(i));
            expected.add(Int.of(i));
        }
        assertThrows(ProcessEnded.class, () -> sender.exit(DONE));
        expected.add(Tuple.of(Atom.of("EXIT"), sender.self(), DONE));
        assertEquals(expected, erl.messages(receiver, COUNT + 1, PATIENCE));
    }

    /**
     * A message large enough to go in fragments, then the end of its sender, which erl monitors by name: the DOWN
     * names {Name, Node}, not the pid, and must still wait for the last fragment of the sender's message.
     */
    @Test
    void aMessageInFragmentsThenTheEndOfAJavaProcessErlMonitorsByNameReachErlInTheOrderSent() {
        Atom name = Atom.of("fragmenting_sender");
        Mailbox sender = java.node().mailbox(name);
        Pid watcher = erl.probe(false);
        Term ref = erl.call(watcher, "monitor(process, {%s, %s})", name, java.name());
        assertTrue(Await.eventually(() -> sender.monitoredBy().equals(List.of(watcher))), "MONITOR_P by name applied");
        int size = 4 << 20; // 64 fragments of 64 KiB
        sender.send(watcher, Binary.of(new byte[size]));
        sender.close();
        Term got = erl.eval("[case M of B when is_binary(B) -> {binary, byte_size(B)}; _ -> M end"
                + " || M <- link_probe:messages(%s, 2, " + PATIENCE.toMillis() + ")].", watcher);
        assertEquals(ErlList.of(Tuple.of(Atom.of("binary"), Int.of(size)),
                Tuple.of(Atom.of("DOWN"), ref, Atom.of("process"), Tuple.of(name, java.name()), Reasons.NORMAL)), got);
    }

    @Test
    void messagesThenTheEndOfAnErlProcessReachJavaInTheOrderSentWithTheExitAndTheDownLast() {
        Mailbox linked = mailbox(true);
        Mailbox watcher = mailbox();
        Pid sender = erl.probe(false);
        linked.link(sender);
        Ref ref = watcher.monitor(sender);
        awaitErlLinks(sender, List.of(linked.self()));
        awaitErlMonitors(sender, watcher.self(), 1);
        erl.call(sender, "[begin %s ! N, %s ! N end || N <- lists:seq(0, " + (COUNT - 1) + ")], exit(done)",
                linked.self(), watcher.self());
        for (int i = 0; i < COUNT; i++) {
            assertEquals(Int.of(i), next(linked));
            assertEquals(Int.of(i), next(watcher));
        }
        assertEquals(new Exit(sender, DONE), next(linked));
        assertEquals(new Down(ref, sender, DONE), next(watcher));
        assertNothingMore(linked);
        assertNothingMore(watcher);
    }

    @Test
    void anExitSignalFromErlAfterItsMessagesComesAfterThem() {
        Mailbox receiver = mailbox(true);
        Pid sender = erl.probe(false);
        erl.call(sender, "[%s ! N || N <- lists:seq(0, " + (COUNT - 1) + ")], exit(%s, done)",
                receiver.self(), receiver.self());
        for (int i = 0; i < COUNT; i++) {
            assertEquals(Int.of(i), next(receiver));
        }
        assertEquals(new Exit(sender, DONE), next(receiver));
        assertNothingMore(receiver);
    }
}
