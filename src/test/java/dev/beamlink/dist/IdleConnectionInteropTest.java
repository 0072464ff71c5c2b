package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A quiet connection holds no thread of the operating system: its reader waits on a virtual thread, which reads the
 * peer's ticks, and the first message starts a platform reader again; messages go both ways as before.
 */
@Tag("interop")
@PlainTcp
class IdleConnectionInteropTest {

    private static Epmd epmd;
    private static ErlNode erl;

    @BeforeAll
    static void start() {
        epmd = Epmd.start();
        erl = ErlNode.builder().name("idle").cookie(JavaNodes.COOKIE).epmd(epmd).ticktimeSeconds(4).start();
        erl.eval("register(idle_echo, spawn(fun F() -> receive {From, M} -> From ! M, F() end end)).");
    }

    @AfterAll
    static void stop() {
        erl.close();
        epmd.close();
    }

    @Test
    void aQuietConnectionHoldsNoPlatformThreadAndWakesForTheNextMessage() throws Exception {
        try (DistributedNode java = JavaNodes.start(JavaNodes.builder("idle_java", epmd).ticktime(Duration.ofSeconds(4)));
             Mailbox me = java.node().mailbox()) {
            Atom node = Atom.of(erl.nodeName());
            for (int round = 0; round < 3; round++) {
                me.send(Atom.of("idle_echo"), node, Tuple.of(me.self(), Int.of(round)));
                assertEquals(Optional.of(Int.of(round)), me.receive(Duration.ofSeconds(10)));
                assertTrue(Await.eventually(() -> readerThreads(node).isEmpty()),
                        "no platform reader once quiet: " + readerThreads(node));
                Thread.sleep(2_500); // more than two tick intervals: ticks both ways, read on the virtual thread
                assertTrue(java.node().nodes().contains(node), "still connected");
            }
            assertEquals("true", erl.evalText("lists:member('" + java.name().text() + "', nodes())."));
        }
    }

    /** {@return the platform threads reading from {@code node}} (Thread.getAllStackTraces lists platform threads only) */
    private static List<String> readerThreads(Atom node) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.equals("beamlink-dist-reader-" + node.text())).toList();
    }
}
