package dev.beamlink.otp.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.node.Reasons;
import dev.beamlink.testing.Await;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ProcessKeeper}: what it keeps runs again after any end, and no kill ends the keeping. */
class ProcessKeeperTest {

    private static final Atom NAME = Atom.of("kept");

    private final Node node = Node.create("keeper@localhost");
    private final List<Pid> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        node.close();
    }

    /** A registered process linked to the keeper that waits for ever. */
    private Pid startKept(Mailbox keeper) {
        Pid pid = keeper.spawnLink(self -> self.receive());
        keeper.node().register(NAME, pid);
        started.add(pid);
        return pid;
    }

    private Pid awaitNew(Pid before) {
        Await.until("a new process under the name", () -> node.whereis(NAME).filter(pid -> !pid.equals(before))
                .isPresent());
        return node.whereis(NAME).orElseThrow();
    }

    @Test
    void aProcessThatEndsForAnyReasonIsStartedAgain() {
        try (ProcessKeeper ignored = ProcessKeeper.start(node, "kept", this::startKept);
             Mailbox killer = node.mailbox()) {
            Pid first = node.whereis(NAME).orElseThrow();
            killer.exit(first, Reasons.KILL);
            Pid second = awaitNew(first);
            killer.exit(second, Atom.of("any_reason"));
            Pid third = awaitNew(second);
            assertEquals(List.of(first, second, third), started);
        }
    }

    @Test
    void theKeepersMailboxKilledGivesWayToAnotherThatKeepsTheProcess() {
        try (ProcessKeeper ignored = ProcessKeeper.start(node, "kept", this::startKept);
             Mailbox killer = node.mailbox()) {
            Pid first = node.whereis(NAME).orElseThrow();
            List<Pid> keeper = node.processInfo(first).orElseThrow().links();
            assertEquals(1, keeper.size(), "linked to the keeper's mailbox");
            killer.exit(keeper.getFirst(), Reasons.KILL);
            Pid second = awaitNew(first);
            List<Pid> nextKeeper = node.processInfo(second).orElseThrow().links();
            assertEquals(1, nextKeeper.size());
            assertNotEquals(keeper, nextKeeper, "a new mailbox");
            killer.exit(second, Reasons.KILL);
            awaitNew(second);
        }
    }

    @Test
    void aProcessThatEndsAtOnceIsStartedAgainOnlyAfterThePause() {
        try (ProcessKeeper ignored = ProcessKeeper.start(node, "kept", keeper -> {
            started.add(keeper.self());
            return keeper.spawn(self -> { });
        })) {
            Await.until("started twice", () -> started.size() >= 2);
            long atTwo = System.nanoTime();
            Await.until("started three times", () -> started.size() >= 3);
            assertTrue(System.nanoTime() - atTwo >= ProcessKeeper.RESTART_PAUSE.toNanos() / 2,
                    "a pause between starts: " + (System.nanoTime() - atTwo) / 1_000_000 + " ms");
        }
    }

    @Test
    void theFirstStartsFailureIsTheCallers() {
        IllegalStateException failure = new IllegalStateException("no start");
        assertSame(failure, assertThrows(IllegalStateException.class,
                () -> ProcessKeeper.start(node, "kept", keeper -> {
                    throw failure;
                })));
    }

    @Test
    void closeEndsTheProcessAndTheKeeping() {
        ProcessKeeper keeper = ProcessKeeper.start(node, "kept", this::startKept);
        Pid kept = node.whereis(NAME).orElseThrow();
        keeper.close();
        assertFalse(node.isAlive(kept));
        assertTrue(node.whereis(NAME).isEmpty(), "not started again");
        assertEquals(List.of(kept), started);
        keeper.close();
    }
}
