package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.MessagePattern;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * A test class's pair of nodes, a live erl and a Java node, and the waits the cross-wire tests share. Each test makes
 * its own processes on both sides; the Java mailboxes it opens through {@link #mailbox()} close after it. Where the
 * nodes come from is a subclass's: {@link WireFixture} starts them with the launcher (the tests in src), and the interop
 * suite's fixture has the test kit inject them ({@link #attach}).
 */
public abstract class WireBase {

    /** How long a test waits for what must happen ({@link Await#PATIENCE}). */
    public static final Duration PATIENCE = Await.PATIENCE;
    /** How long a test waits to be fairly sure that something does not happen ({@link Await#QUIET}). */
    public static final Duration QUIET = Await.QUIET;

    /** The erl node, through the probes of link_probe. */
    protected ErlSide erl;
    /** The Java node. */
    protected DistributedNode java;
    private final List<Mailbox> opened = new ArrayList<>();

    /** Makes {@code erlNode} and {@code javaNode} the class's pair. */
    protected final void attach(ErlNode erlNode, DistributedNode javaNode) {
        this.erl = new ErlSide(erlNode);
        this.java = javaNode;
    }

    @AfterEach
    final void closeMailboxes() {
        opened.forEach(Mailbox::close);
        opened.clear();
    }

    protected Atom erlNode() {
        return erl.nodeName();
    }

    /** {@return a new passive mailbox on the Java node, closed after the test} */
    protected Mailbox mailbox() {
        Mailbox mailbox = java.node().mailbox();
        opened.add(mailbox);
        return mailbox;
    }

    /** {@return a new passive mailbox that traps exits as told} */
    protected Mailbox mailbox(boolean trapExit) {
        Mailbox mailbox = mailbox();
        mailbox.trapExit(trapExit);
        return mailbox;
    }

    /** {@return the first message {@code pattern} accepts, failing after {@link #PATIENCE}} */
    public static <R> R await(Mailbox mailbox, MessagePattern<R> pattern) {
        return mailbox.receive(pattern, PATIENCE).orElseGet(() -> fail("no such message within " + PATIENCE));
    }

    /** {@return the next message, failing after {@link #PATIENCE}} */
    public static Object next(Mailbox mailbox) {
        return mailbox.receive(PATIENCE).orElseGet(() -> fail("no message within " + PATIENCE));
    }

    /** Asserts that no message arrives for {@link #QUIET}. */
    public static void assertNothingMore(Mailbox mailbox) {
        Optional<Object> more = mailbox.receive(QUIET);
        assertTrue(more.isEmpty(), () -> mailbox + " got " + more.get());
    }

    /** Waits until the erl side sees {@code pid}'s links as {@code expected}. */
    protected void awaitErlLinks(Pid pid, List<?> expected) {
        assertTrue(Await.eventually(() -> erl.linksOf(pid).equals(expected)),
                () -> "erl's links of " + pid + ": " + erl.linksOf(pid) + ", expected " + expected);
    }

    /** Waits until erl counts {@code count} monitors of {@code watcher} on {@code target}. */
    protected void awaitErlMonitors(Pid target, Pid watcher, int count) {
        assertTrue(Await.eventually(() -> erl.monitoredBy(target).stream().filter(watcher::equals).count() == count),
                () -> "erl's monitors on " + target + ": " + erl.monitoredBy(target) + ", expected " + count + " of " + watcher);
    }

    /** Waits until the Java mailbox's links are {@code expected}. */
    public static void awaitJavaLinks(Mailbox mailbox, List<Pid> expected) {
        assertTrue(Await.eventually(() -> mailbox.links().equals(expected)),
                () -> "links of " + mailbox + ": " + mailbox.links() + ", expected " + expected);
    }
}
