package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.MessagePattern;
import dev.beamlink.node.Reasons;
import dev.beamlink.node.Spawned;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md, "spawn_link creates the process and the link atomically: the child cannot die unlinked", for a Java
 * process that starts a BEAM process: SPAWN_REQUEST with the link and monitor options, and SPAWN_REPLY.
 */
@Tag("interop")
class RemoteSpawnInteropTest extends WireFixture {

    private static final Atom ERLANG = Atom.of("erlang");
    private static final Atom EXIT = Atom.of("exit");
    private static final Atom TIMER = Atom.of("timer");
    private static final Atom SLEEP = Atom.of("sleep");
    private static final List<Term> FOREVER = List.of(Atom.of("infinity"));

    @Test
    void spawnLinkStartsAnErlProcessLinkedFromItsFirstMoment() {
        Mailbox parent = mailbox(true);
        Pid child = parent.spawnLink(erlNode(), TIMER, SLEEP, FOREVER);
        assertEquals(erlNode(), child.node());
        assertEquals(List.of(child), parent.links(), "linked when spawnLink returns");
        assertEquals(List.of(parent.self()), erl.linksOf(child), "and linked on erl's side");
        erl.eval("exit(%s, boom).", child);
        assertEquals(new Exit(child, Atom.of("boom")), next(parent));
    }

    @Test
    void aChildThatEndsAtOnceStillReachesItsParentThroughTheLink() {
        Mailbox parent = mailbox(true);
        for (int i = 0; i < 50; i++) {
            Pid child = parent.spawnLink(erlNode(), ERLANG, EXIT, List.of(Atom.of("at_once")));
            assertEquals(new Exit(child, Atom.of("at_once")), await(parent,
                    m -> m instanceof Exit e && e.from().equals(child) ? e : null));
        }
        assertNothingMore(parent);
        Mailbox starter = mailbox();
        Spawned nonTrapping = starter.spawnMonitor(self -> {
            self.spawnLink(erlNode(), ERLANG, EXIT, List.of(Atom.of("at_once")));
            self.receive();
        });
        assertEquals(new Down(nonTrapping.ref(), nonTrapping.pid(), Atom.of("at_once")), next(starter),
                "a parent that does not trap exits dies with its child");
    }

    @Test
    void aChildThatCrashesGivesItsParentTheErlangErrorReason() {
        Mailbox parent = mailbox(true);
        Pid child = parent.spawnLink(erlNode(), ERLANG, Atom.of("apply"),
                List.of(ERLANG, Atom.of("list_to_integer"), ErlList.of(ErlList.ofString("forty-two"))));
        Exit exit = await(parent, MessagePattern.ofType(Exit.class));
        assertEquals(child, exit.from());
        Tuple reason = assertInstanceOf(Tuple.class, exit.reason());
        assertEquals(Atom.of("badarg"), reason.get(0));
        Pid undefined = parent.spawnLink(erlNode(), Atom.of("no_such_module"), Atom.of("run"), List.of());
        Exit undef = await(parent, MessagePattern.ofType(Exit.class));
        assertEquals(undefined, undef.from());
        assertEquals(Atom.of("undef"), ((Tuple) undef.reason()).get(0));
    }

    @Test
    void spawnMonitorGivesADownWithTheRequestsReference() {
        Mailbox parent = mailbox();
        Spawned spawned = parent.spawnMonitor(erlNode(), ERLANG, EXIT, List.of(Atom.of("bye")));
        assertEquals(new Down(spawned.ref(), spawned.pid(), Atom.of("bye")), next(parent));
        assertEquals(List.of(), parent.links());
        Spawned living = parent.spawnMonitor(erlNode(), TIMER, SLEEP, FOREVER);
        assertEquals(List.of(living.pid()), parent.monitors());
        assertTrue(parent.demonitor(living.ref()));
        erl.eval("exit(%s, kill).", living.pid());
        assertNothingMore(parent);
    }

    @Test
    void spawnStartsAnUnlinkedErlProcess() {
        Mailbox parent = mailbox();
        Pid child = parent.spawn(erlNode(), TIMER, SLEEP, FOREVER);
        assertEquals(List.of(), parent.links());
        assertEquals(List.of(), erl.linksOf(child));
        assertTrue(erl.aliveAfter(child, QUIET));
        erl.eval("exit(%s, kill).", child);
    }

    @Test
    void aChildThatPrintsIsAnsweredByTheJavaNodesIoServer() {
        Mailbox parent = mailbox(true);
        Pid child = parent.spawnLink(erlNode(), Atom.of("io"), Atom.of("format"),
                List.of(ErlList.ofString("hello from ~p~n"), ErlList.of(Atom.of("erl"))));
        assertEquals(new Exit(child, Reasons.NORMAL), next(parent), "io:format returned");
    }

    @Test
    void spawnLinkToAnUnreachableNodeFiresNoconnectionAtOnce() {
        Mailbox parent = mailbox(true);
        Pid crasher = parent.spawnLink(Atom.of("nowhere@localhost"), TIMER, SLEEP, FOREVER);
        assertEquals(java.name(), crasher.node(), "as in Erlang: a local process that ends with the reason");
        assertEquals(new Exit(crasher, Reasons.NOCONNECTION), next(parent));
        Spawned monitored = parent.spawnMonitor(Atom.of("nowhere@localhost"), TIMER, SLEEP, FOREVER);
        assertEquals(new Down(monitored.ref(), monitored.pid(), Reasons.NOCONNECTION), next(parent));
    }
}
