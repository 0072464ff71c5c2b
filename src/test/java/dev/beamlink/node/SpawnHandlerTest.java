package dev.beamlink.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node's answers to spawn requests (its {@link SpawnHandler}): the new process is linked and monitored as asked
 * before anything else, and its answer comes before anything it sends, even when it ends at once or is killed before
 * it runs; without a handler the answer is {@code notsup}, past the limit {@code system_limit}.
 */
class SpawnHandlerTest extends NodeFixture {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Atom M = Atom.of("m");

    @Test
    void withoutAHandlerTheAnswerIsNotsup() {
        test.spawnRequest(node.name(), M, Atom.of("f"), List.of());
        assertEquals(Reasons.NOTSUP, ((SpawnResult) test.receive(WAIT).orElseThrow()).result());
    }

    @Test
    void theAnswerComesBeforeAnythingTheNewProcessSendsEvenWhenItEndsAtOnce() {
        node.setSpawnHandler(request -> new SpawnHandler.Start(self -> {
            self.send(request.requester(), Atom.of("hello"));
            throw self.exit(Atom.of("bye"));
        }), 10);
        test.trapExit(true);
        for (int i = 0; i < 200; i++) {
            Ref reqId = test.spawnRequest(node.name(), M, Atom.of("f"), List.of(), SpawnOption.LINK, SpawnOption.MONITOR);
            SpawnResult started = assertInstanceOf(SpawnResult.class, test.receive(WAIT).orElseThrow());
            Pid child = started.pid().orElseThrow();
            assertEquals(Atom.of("hello"), test.receive(WAIT).orElseThrow());
            assertEquals(new Exit(child, Atom.of("bye")), test.receive(WAIT).orElseThrow());
            assertEquals(new Down(reqId, child, Atom.of("bye")), test.receive(WAIT).orElseThrow());
        }
    }

    @Test
    void aProcessKilledBeforeItRunsStillAnswersFirst() {
        node.setSpawnHandler(request -> new SpawnHandler.Start(self -> self.receive()), 10);
        test.trapExit(true);
        for (int i = 0; i < 200; i++) {
            Ref reqId = test.spawnRequest(node.name(), M, Atom.of("f"), List.of(), SpawnOption.LINK, SpawnOption.MONITOR);
            node.processes().stream().filter(pid -> !pid.equals(test.self())).forEach(pid -> test.exit(pid, Reasons.KILL));
            SpawnResult started = assertInstanceOf(SpawnResult.class, test.receive(WAIT).orElseThrow());
            Pid child = started.pid().orElseThrow();
            assertEquals(new Exit(child, Reasons.KILLED), test.receive(m -> m instanceof Exit e ? e : null, WAIT).orElseThrow());
            assertEquals(new Down(reqId, child, Reasons.KILLED), test.receive(WAIT).orElseThrow());
        }
        assertEquals(0, node.requestedProcessCount());
    }

    @Test
    void pastTheLimitTheAnswerIsSystemLimitAndARefusalItsReason() {
        node.setSpawnHandler(request -> request.function().equals(Atom.of("no"))
                ? new SpawnHandler.Refuse(Atom.of("badopt")) : new SpawnHandler.Start(self -> self.receive()), 2);
        test.spawnRequest(node.name(), M, Atom.of("no"), List.of());
        assertEquals(Atom.of("badopt"), ((SpawnResult) test.receive(WAIT).orElseThrow()).result());
        for (int i = 0; i < 2; i++) {
            test.spawnRequest(node.name(), M, Atom.of("f"), List.of());
            assertInstanceOf(Pid.class, ((SpawnResult) test.receive(WAIT).orElseThrow()).result());
        }
        test.spawnRequest(node.name(), M, Atom.of("f"), List.of());
        assertEquals(Atom.of("system_limit"), ((SpawnResult) test.receive(WAIT).orElseThrow()).result());
        assertEquals(2, node.requestedProcessCount());
        assertEquals(2, node.requestedProcessLimit());
        assertThrows(IllegalArgumentException.class, () -> node.setSpawnHandler(null, 0));
    }
}
