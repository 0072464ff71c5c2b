package dev.beamlink.node;

import static dev.beamlink.node.Probes.atom;
import static dev.beamlink.node.Probes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.testing.Await;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/semantics.md, "Ordering": every kind of signal from one process to another is applied in the order sent. */
class OrderingTest extends NodeFixture {

    @Test
    void messagesFromOneSenderArriveInTheOrderSent() {
        Mailbox receiver = node.mailbox();
        int count = 50_000;
        List<Pid> senders = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            senders.add(receiver.spawn(self -> {
                for (int i = 0; i < count; i++) {
                    self.send(receiver.self(), new Numbered(self.self(), i));
                }
            }));
        }
        int[] next = new int[senders.size()];
        for (int i = 0; i < count * senders.size(); i++) {
            Numbered message = (Numbered) receiver.receive(Await.PATIENCE).orElseThrow();
            int sender = senders.indexOf(message.from());
            assertEquals(next[sender]++, message.n(), "from sender " + sender);
        }
    }

    @Test
    void messagesLinkAndExitFromOneSenderAreAppliedInOrder() {
        Mailbox receiver = node.mailbox();
        receiver.trapExit(true);
        Pid sender = receiver.spawn(self -> {
            self.send(receiver.self(), Int.of(1));
            self.link(receiver.self());
            self.send(receiver.self(), Int.of(2));
            throw self.exit(atom("done"));
        });
        assertEquals(Int.of(1), receiver.receive());
        assertEquals(Int.of(2), receiver.receive());
        assertEquals(new Exit(sender, atom("done")), receiver.receive());
    }

    @Test
    void anExitSignalAfterMessagesComesAfterThem() {
        Mailbox receiver = node.mailbox();
        receiver.trapExit(true);
        Mailbox sender = node.mailbox();
        for (int i = 0; i < 100; i++) {
            sender.send(receiver.self(), Int.of(i));
        }
        sender.exit(receiver.self(), atom("last"));
        for (int i = 0; i < 100; i++) {
            assertEquals(Int.of(i), receiver.receive());
        }
        assertEquals(new Exit(sender.self(), atom("last")), receiver.receive());
    }

    @Test
    void aMonitorSetUpBeforeTheTargetEndsAlwaysFires() {
        Mailbox watcher = node.mailbox();
        for (int i = 0; i < 500; i++) {
            Mailbox target = node.mailbox();
            Ref ref = watcher.monitor(target.self());
            target.close();
            Down down = await(watcher, m -> m instanceof Down d && d.ref().equals(ref) ? d : null);
            assertEquals(Reasons.NORMAL, down.reason());
        }
    }

    @Test
    void aDownAfterMessagesFromTheSameProcessComesAfterThem() {
        Mailbox watcher = node.mailbox();
        Mailbox target = node.mailbox();
        Ref ref = watcher.monitor(target.self());
        target.send(watcher.self(), atom("first"));
        target.send(watcher.self(), atom("second"));
        target.close();
        assertEquals(atom("first"), watcher.receive());
        assertEquals(atom("second"), watcher.receive());
        assertEquals(new Down(ref, target.self(), Reasons.NORMAL), watcher.receive());
    }

    /** A message numbered by its sender. */
    record Numbered(Pid from, int n) {
    }
}
