package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.ErlSide;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Reasons;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md, "Connections and nodes", at scale: 10,000 links (half made by erl, half by Java) and 10,000
 * monitors across one connection, then erl is killed: exactly 10,000 {@link Exit} and 10,000 {@link Down}, each
 * {@code noconnection}, none twice.
 */
@Tag("interop")
class LinkStormInteropTest {

    private static final int COUNT = 10_000;

    @Test
    void tenThousandLinksAndMonitorsFireNoconnectionExactlyOnceWhenTheConnectionIsCut(
            @Erl(name = "storm") ErlNode erlNode, @Beamlink(name = "storm_java", connect = false) DistributedNode java) {
        try (Mailbox owner = java.node().mailbox()) {
            ErlSide erl = new ErlSide(erlNode);
            owner.trapExit(true);
            List<Pid> linkingToJava = pids(erl.eval("link_probe:spawn_many(" + COUNT / 2 + ", fun() -> link(%s) end).",
                    owner.self()));
            List<Pid> linkedByJava = pids(erl.eval("link_probe:spawn_many(" + COUNT / 2 + ", fun() -> ok end)."));
            linkedByJava.forEach(owner::link);
            Set<Ref> refs = new HashSet<>();
            linkingToJava.forEach(pid -> refs.add(owner.monitor(pid)));
            linkedByJava.forEach(pid -> refs.add(owner.monitor(pid)));
            assertTrue(Await.eventually(() -> owner.links().size() == COUNT), "the erl side's links arrived");
            assertEquals(COUNT, refs.size());

            long cut = System.nanoTime();
            erlNode.kill();

            Set<Pid> exits = new HashSet<>();
            Set<Ref> downs = new HashSet<>();
            long deadline = cut + WireFixture.PATIENCE.toNanos();
            while (exits.size() + downs.size() < 2 * COUNT) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                switch (owner.receive(left).orElseThrow(() -> new AssertionError("after " + WireFixture.PATIENCE
                        + ": " + exits.size() + " Exit, " + downs.size() + " Down"))) {
                    case Exit exit -> {
                        assertEquals(Reasons.NOCONNECTION, exit.reason());
                        assertTrue(exits.add(exit.from()), () -> "a second Exit from " + exit.from());
                    }
                    case Down down -> {
                        assertEquals(Reasons.NOCONNECTION, down.reason());
                        assertTrue(downs.add(down.ref()), () -> "a second Down for " + down.ref());
                    }
                    case Object other -> throw new AssertionError("unexpected " + other);
                }
            }
            Duration storm = Duration.ofNanos(System.nanoTime() - cut);
            assertEquals(COUNT, exits.size());
            assertEquals(refs, downs, "a Down for every monitor");
            assertEquals(Optional.empty(), owner.receive(WireFixture.QUIET), "exactly once");
            System.out.println(COUNT + " Exit and " + COUNT + " Down, each noconnection, " + storm.toMillis()
                    + " ms from the kill of erl to the last one received");
        }
    }

    private static List<Pid> pids(Term list) {
        return ((ErlList) list).elements().stream().map(Pid.class::cast).toList();
    }
}
