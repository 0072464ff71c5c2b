package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.ErlSide;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.node.ProcessInfo;
import dev.beamlink.node.Reasons;
import dev.beamlink.testing.Await;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/semantics.md, "Exit signals", across the wire: both tables row by row, each in both directions (an erl process
 * signals a Java one, a Java process signals an erl one), with EXIT2 for {@code exit/2} and EXIT for links.
 */
@Tag("interop")
class RemoteExitSignalsInteropTest extends WireFixture {

    /** What a receiver does with an exit signal. */
    enum Effect { IGNORED, MESSAGE, DIES }

    /** How the linked process ends. */
    enum Ending { NORMAL, OTHER, KILLED, EXIT_KILL }

    private static final Atom MARKER = Atom.of("marker");
    private static final Atom BOOM = Atom.of("boom");

    private static Tuple exitMessage(Pid from, Term reason) {
        return Tuple.of(Atom.of("EXIT"), from, reason);
    }

    /** docs/semantics.md's table for {@code exit(Pid, Reason)}: the reason sent, whether the receiver traps, what it does. */
    static Stream<Arguments> exit2Table() {
        return Stream.of(
                Arguments.of("normal", false, Effect.IGNORED, null),
                Arguments.of("normal", true, Effect.MESSAGE, "normal"),
                Arguments.of("kill", false, Effect.DIES, "killed"),
                Arguments.of("kill", true, Effect.DIES, "killed"),
                Arguments.of("boom", false, Effect.DIES, "boom"),
                Arguments.of("boom", true, Effect.MESSAGE, "boom"));
    }

    /**
     * docs/semantics.md's table for exit signals through a link, with the observations on OTP 25: how the linked process
     * ends, whether the receiver traps, what it does with which reason (a killed process sends killed, a process that
     * calls exit(kill) sends kill, both trappable).
     */
    static Stream<Arguments> linkTable() {
        return Stream.of(
                Arguments.of(Ending.NORMAL, false, Effect.IGNORED, null),
                Arguments.of(Ending.NORMAL, true, Effect.MESSAGE, "normal"),
                Arguments.of(Ending.OTHER, false, Effect.DIES, "boom"),
                Arguments.of(Ending.OTHER, true, Effect.MESSAGE, "boom"),
                Arguments.of(Ending.KILLED, false, Effect.DIES, "killed"),
                Arguments.of(Ending.KILLED, true, Effect.MESSAGE, "killed"),
                Arguments.of(Ending.EXIT_KILL, false, Effect.DIES, "kill"),
                Arguments.of(Ending.EXIT_KILL, true, Effect.MESSAGE, "kill"));
    }

    // ---- exit/2 (EXIT2): the second table

    /** erl's {@code exit(JavaPid, Reason)}, then a marker message from the same process: signals arrive in order. */
    @ParameterizedTest(name = "exit(JavaPid, {0}), Java traps: {1} -> {2} {3}")
    @MethodSource("exit2Table")
    void exit2FromErlIntoAJavaProcess(String reason, boolean trap, Effect effect, String result) {
        Pid sender = erl.probe(false);
        Mailbox receiver = mailbox(trap);
        erl.call(sender, "exit(%s, " + reason + "), %s ! marker", receiver.self(), receiver.self());
        assertJavaReceiverDid(receiver, effect, sender, result);
        if (effect != Effect.DIES) {
            assertEquals(MARKER, next(receiver));
            assertTrue(receiver.isAlive());
        }
    }

    /** Java's {@code exit(ErlPid, Reason)}, then a marker message from the same process. */
    @ParameterizedTest(name = "exit(ErlPid, {0}), erl traps: {1} -> {2} {3}")
    @MethodSource("exit2Table")
    void exit2FromJavaIntoAnErlProcess(String reason, boolean trap, Effect effect, String result) {
        Mailbox sender = mailbox(false);
        Pid receiver = erl.probe(trap);
        sender.exit(receiver, Atom.of(reason));
        sender.send(receiver, MARKER);
        switch (effect) {
            case IGNORED -> assertEquals(List.of(MARKER), erl.messages(receiver, 1, PATIENCE));
            case MESSAGE -> assertEquals(List.of(exitMessage(sender.self(), Atom.of(result)), MARKER),
                    erl.messages(receiver, 2, PATIENCE));
            case DIES -> assertEquals(Atom.of(result), erl.awaitEnd(receiver, PATIENCE));
        }
    }

    // ---- exit signals through a link: the first table, and the observations on OTP 25

    @ParameterizedTest(name = "a linked erl process ends {0}, Java traps: {1} -> {2} {3}")
    @MethodSource("linkTable")
    void aLinkedErlProcessEndsAndTheJavaProcessReacts(Ending ending, boolean trap, Effect effect, String result) {
        Pid dying = erl.probe(false);
        Mailbox linked = mailbox(trap);
        linked.link(dying);
        awaitErlLinks(dying, List.of(linked.self()));
        switch (ending) {
            case NORMAL -> erl.call(dying, "exit(normal)");
            case OTHER -> erl.call(dying, "exit(boom)");
            case KILLED -> erl.eval("exit(%s, kill).", dying);
            case EXIT_KILL -> erl.call(dying, "exit(kill)");
        }
        assertJavaReceiverDid(linked, effect, dying, result);
        if (effect != Effect.DIES) {
            Await.quietPeriod();
            assertTrue(linked.isAlive());
            assertNothingMore(linked);
        }
    }

    @ParameterizedTest(name = "a linked Java process ends {0}, erl traps: {1} -> {2} {3}")
    @MethodSource("linkTable")
    void aLinkedJavaProcessEndsAndTheErlProcessReacts(Ending ending, boolean trap, Effect effect, String result) {
        Pid linked = erl.probe(trap);
        Mailbox dying = mailbox(false);
        dying.link(linked);
        awaitErlLinks(linked, List.of(dying.self()));
        switch (ending) {
            case NORMAL -> dying.close();
            case OTHER -> assertThrows(ProcessEnded.class, () -> dying.exit(BOOM));
            case KILLED -> mailbox().exit(dying.self(), Reasons.KILL);
            case EXIT_KILL -> assertThrows(ProcessEnded.class, () -> dying.exit(Reasons.KILL));
        }
        switch (effect) {
            case IGNORED -> {
                assertTrue(erl.aliveAfter(linked, QUIET));
                assertEquals(List.of(), erl.messages(linked, 1, QUIET));
            }
            case MESSAGE -> {
                assertEquals(List.of(exitMessage(dying.self(), Atom.of(result))), erl.messages(linked, 1, PATIENCE));
                assertTrue(erl.aliveAfter(linked, QUIET));
            }
            case DIES -> assertEquals(Atom.of(result), erl.awaitEnd(linked, PATIENCE));
        }
    }

    /** An exit signal from erl to a Java process parked in receive, not trapping exits, and what it does. */
    static Stream<Arguments> parkedTable() {
        return Stream.of(
                Arguments.of("exit(P, normal)", "ignored"),
                Arguments.of("exit(P, boom)", "boom"),
                Arguments.of("exit(P, kill)", "killed"),
                Arguments.of("a linked process ends normal", "ignored"),
                Arguments.of("a linked process ends boom", "boom"));
    }

    /**
     * The tables hold for a Java process parked in {@code receive}, which such a signal reaches without waking it
     * first (the node applies it aside, {@code SignalInbox.Kind.DRAINED}): a normal one leaves it waiting for its next
     * message, which it then takes; any other ends it with the reason, which its link on erl gets.
     */
    @ParameterizedTest(name = "{0}, to a Java process parked in receive -> {1}")
    @MethodSource("parkedTable")
    void anExitSignalFromErlReachesAJavaProcessParkedInReceive(String signal, String result) {
        Pid dying = erl.probe(false);
        Pid watcher = erl.probe(true);
        Mailbox starter = mailbox();
        Pid parked = starter.spawn(self -> {
            self.link(dying);
            self.link(watcher);
            Object got = self.receive();
            self.send(starter.self(), Tuple.of(Atom.of("got"), (Term) got));
        });
        awaitErlLinks(dying, List.of(parked));
        awaitErlLinks(watcher, List.of(parked));
        Await.until("the Java process waits in receive", () -> java.node().processInfo(parked)
                .map(info -> info.status() == ProcessInfo.Status.WAITING).orElse(false));
        switch (signal) {
            case "exit(P, normal)" -> erl.eval("exit(%s, normal), %s ! marker.", parked, parked);
            case "exit(P, boom)" -> erl.eval("exit(%s, boom).", parked);
            case "exit(P, kill)" -> erl.eval("exit(%s, kill).", parked);
            case "a linked process ends normal" -> {
                erl.call(dying, "exit(normal)");
                Await.until("the Java process's link gone", () -> java.node().processInfo(parked)
                        .map(info -> !info.links().contains(dying)).orElse(false));
                starter.send(parked, MARKER);
            }
            case "a linked process ends boom" -> erl.call(dying, "exit(boom)");
            default -> throw new IllegalArgumentException(signal);
        }
        if (result.equals("ignored")) {
            assertEquals(Tuple.of(Atom.of("got"), MARKER), next(starter));
            assertEquals(List.of(exitMessage(parked, Atom.of("normal"))), erl.messages(watcher, 1, PATIENCE));
        } else {
            assertEquals(List.of(exitMessage(parked, Atom.of(result))), erl.messages(watcher, 1, PATIENCE));
            assertTrue(Await.eventually(() -> java.node().processInfo(parked).isEmpty()), "the Java process ended");
            assertNothingMore(starter);
        }
    }

    /** A Java process that dies of an exit signal from erl passes the reason on to its own links, erl's included. */
    @Test
    void aJavaProcessKilledThroughALinkPassesTheReasonOn() {
        for (Ending ending : List.of(Ending.OTHER, Ending.KILLED)) {
            Pid first = erl.probe(false);
            Mailbox middle = mailbox(false);
            Pid last = erl.probe(true);
            middle.link(first);
            middle.link(last);
            awaitErlLinks(last, List.of(middle.self()));
            awaitErlLinks(first, List.of(middle.self()));
            Term reason = ending == Ending.OTHER ? BOOM : Reasons.KILLED;
            if (ending == Ending.OTHER) {
                erl.call(first, "exit(boom)");
            } else {
                erl.eval("exit(%s, kill).", first);
            }
            assertEquals(reason, assertThrows(ProcessEnded.class, () -> middle.receive(PATIENCE)).reason());
            assertEquals(List.of(exitMessage(middle.self(), reason)), erl.messages(last, 1, PATIENCE));
        }
    }

    /** And an erl process that dies of an exit signal from Java passes it on to a Java process linked to it. */
    @Test
    void anErlProcessKilledThroughALinkPassesTheReasonOn() {
        Mailbox first = mailbox(false);
        Pid middle = erl.probe(false);
        Mailbox last = mailbox(true);
        first.link(middle);
        last.link(middle);
        awaitErlLinks(middle, List.of(first.self(), last.self()));
        assertThrows(ProcessEnded.class, () -> first.exit(BOOM));
        assertEquals(new Exit(middle, BOOM), next(last));
        assertEquals(BOOM, erl.awaitEnd(middle, PATIENCE));
    }

    /** A Java body that throws ends with {@code {{'java.lang.IllegalStateException', <<"boom">>}, Stack}}: erl can read it. */
    @Test
    void anExceptionInAJavaProcessArrivesAtErlAsAReadableReason() {
        Pid trapping = erl.probe(true);
        Pid nonTrapping = erl.probe(false);
        Mailbox starter = mailbox();
        Pid thrower = starter.spawn(self -> {
            self.link(trapping);
            self.link(nonTrapping);
            self.receive();
            throw new IllegalStateException("boom");
        });
        awaitErlLinks(trapping, List.of(thrower));
        awaitErlLinks(nonTrapping, List.of(thrower));
        starter.send(thrower, Atom.of("go"));
        Term reason = erl.awaitEnd(nonTrapping, PATIENCE);
        assertEquals(Atom.of("readable"), erl.eval("case %s of {{'java.lang.IllegalStateException', <<\"boom\">>}, "
                + "[{'dev.beamlink.interop.dist.RemoteExitSignalsInteropTest', _, 0, [{file, \"RemoteExitSignalsInteropTest.java\"}, "
                + "{line, L}]} | _]} when is_integer(L) -> readable; Other -> Other end.", reason));
        assertEquals(List.of(exitMessage(thrower, reason)), erl.messages(trapping, 1, PATIENCE));
        String printed = erl.node().evalText("lists:flatten(io_lib:format(\"~p\", [" + ErlSide.literal(reason) + "])).");
        assertTrue(printed.contains("'java.lang.IllegalStateException'") && printed.contains("<<\\\"boom\\\">>"), printed);
    }

    /** The checks of a Java receiver's reaction that both directions of the tables share. */
    private static void assertJavaReceiverDid(Mailbox receiver, Effect effect, Pid sender, String result) {
        switch (effect) {
            case IGNORED -> { }
            case MESSAGE -> assertEquals(new Exit(sender, Atom.of(result)), next(receiver));
            case DIES -> assertEquals(Atom.of(result),
                    assertThrows(ProcessEnded.class, () -> receiver.receive(PATIENCE)).reason());
        }
    }
}
