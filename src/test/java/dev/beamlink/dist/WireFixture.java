package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.MessagePattern;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One test class's pair of nodes, a live erl and a Java node on an EPMD of their own, connected on the first
 * signal; with the waits the cross-wire tests share. Each test makes its own processes on both sides; the Java
 * mailboxes it opens through {@link #mailbox()} close after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WireFixture {

    /** How long a test waits for what must happen ({@link Await#PATIENCE}). */
    static final Duration PATIENCE = Await.PATIENCE;
    /** How long a test waits to be fairly sure that something does not happen ({@link Await#QUIET}). */
    static final Duration QUIET = Await.QUIET;

    private Epmd epmd;
    private ErlNode erlNode;
    ErlSide erl;
    DistributedNode java;
    private final List<Mailbox> opened = new ArrayList<>();

    @BeforeAll
    final void startNodes() {
        epmd = Epmd.start();
        erlNode = ErlNode.builder().name(getClass().getSimpleName().toLowerCase()).cookie(JavaNodes.COOKIE).epmd(epmd).start();
        erl = new ErlSide(erlNode);
        java = JavaNodes.start(JavaNodes.builder("java", epmd));
    }

    @AfterAll
    final void stopNodes() {
        if (java != null) {
            java.close();
        }
        if (erlNode != null) {
            erlNode.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    @AfterEach
    final void closeMailboxes() {
        opened.forEach(Mailbox::close);
        opened.clear();
    }

    Atom erlNode() {
        return erl.nodeName();
    }

    /** {@return the port of the class's epmd, for more nodes of a test's own} */
    int epmdPort() {
        return epmd.port();
    }

    /** {@return a new passive mailbox on the Java node, closed after the test} */
    Mailbox mailbox() {
        Mailbox mailbox = java.node().mailbox();
        opened.add(mailbox);
        return mailbox;
    }

    /** {@return a new passive mailbox that traps exits as told} */
    Mailbox mailbox(boolean trapExit) {
        Mailbox mailbox = mailbox();
        mailbox.trapExit(trapExit);
        return mailbox;
    }

    /** {@return the first message {@code pattern} accepts, failing after {@link #PATIENCE}} */
    static <R> R await(Mailbox mailbox, MessagePattern<R> pattern) {
        return mailbox.receive(pattern, PATIENCE).orElseGet(() -> fail("no such message within " + PATIENCE));
    }

    /** {@return the next message, failing after {@link #PATIENCE}} */
    static Object next(Mailbox mailbox) {
        return mailbox.receive(PATIENCE).orElseGet(() -> fail("no message within " + PATIENCE));
    }

    /** Asserts that no message arrives for {@link #QUIET}. */
    static void assertNothingMore(Mailbox mailbox) {
        Optional<Object> more = mailbox.receive(QUIET);
        assertTrue(more.isEmpty(), () -> mailbox + " got " + more.get());
    }

    /** Waits until the erl side sees {@code pid}'s links as {@code expected}. */
    void awaitErlLinks(Pid pid, List<?> expected) {
        assertTrue(Await.eventually(() -> erl.linksOf(pid).equals(expected)),
                () -> "erl's links of " + pid + ": " + erl.linksOf(pid) + ", expected " + expected);
    }

    /** Waits until erl counts {@code count} monitors of {@code watcher} on {@code target}. */
    void awaitErlMonitors(Pid target, Pid watcher, int count) {
        assertTrue(Await.eventually(() -> erl.monitoredBy(target).stream().filter(watcher::equals).count() == count),
                () -> "erl's monitors on " + target + ": " + erl.monitoredBy(target) + ", expected " + count + " of " + watcher);
    }

    /** Waits until the Java mailbox's links are {@code expected}. */
    static void awaitJavaLinks(Mailbox mailbox, List<Pid> expected) {
        assertTrue(Await.eventually(() -> mailbox.links().equals(expected)),
                () -> "links of " + mailbox + ": " + mailbox.links() + ", expected " + expected);
    }
}
