package dev.beamlink.bench.runtime;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.node.Down;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.MessagePattern;
import dev.beamlink.node.Node;
import dev.beamlink.node.ProcessBody;
import dev.beamlink.node.Reasons;
import dev.beamlink.node.internal.NodeInternals;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code bench/run runtime}: the process runtime beside BEAM, the same work in one run.
 *
 * <ul>
 *   <li>a chain of 1,000,000 processes, each spawn-linking the next (so each is linked to its
 *       predecessor), all idle in receive: spawn rate, idle memory per process; then the first is
 *       killed and the time until the last is dead gives the exit-propagation rate;</li>
 *   <li>a mass spawn during a mass kill (issue 17, item 5): on the same node, a chain of 1,000,000 is built,
 *       its first process killed and, at once, while the exit spreads along the chain and the killed processes'
 *       virtual threads unwind, a second chain of 1,000,000 is built: its spawn rate against the first's;</li>
 *   <li>one process sends 2,000,000 messages to another, which receives them all: messages per second.</li>
 * </ul>
 * BEAM runs {@code runtime_bench} (test-erlang) on a live erl started here with {@code +P 2000000}.
 * Both sides get a warm-up round first. Targets: memory per process at or below BEAM's; times
 * within 3x of BEAM's.
 */
public final class RuntimeBench {

    private static final int CHAIN = 1_000_000;
    private static final int MESSAGES = 2_000_000;
    private static final Atom MESSAGE = Atom.of("message");

    /**
     * Microseconds to build the chain, bytes per idle process, microseconds for the exit to reach the
     * last; for Java also the microseconds until every killed process's thread had unwound (-1 on BEAM,
     * which frees a process as it exits).
     */
    record ChainResult(long spawnMicros, long bytesPerProcess, long exitMicros, long unwoundMicros) {
    }

    /** Microseconds to build a chain on a quiet node, and to build another right after that one was killed. */
    record RespawnResult(long firstMicros, long secondMicros) {
    }

    private RuntimeBench() {
    }

    public static void main(String[] args) throws Exception {
        ChainResult beamChain;
        RespawnResult beamRespawn;
        long beamMessages;
        try (Epmd epmd = Epmd.start();
             ErlNode erl = ErlNode.builder().name("bench").epmd(epmd).args("+P", "2000000")
                     .evalTimeout(Duration.ofMinutes(5)).start()) {
            erlLongs(erl, "runtime_bench:chain(100000).");
            erlLongs(erl, "runtime_bench:messages(" + MESSAGES / 10 + ").");
            long[] chain = erlLongs(erl, "runtime_bench:chain(" + CHAIN + ").");
            beamChain = new ChainResult(chain[0], chain[1], chain[2], -1);
            long[] respawn = erlLongs(erl, "runtime_bench:respawn(" + CHAIN + ").");
            beamRespawn = new RespawnResult(respawn[0], respawn[1]);
            beamMessages = erlLongs(erl, "runtime_bench:messages(" + MESSAGES + ").")[0];
        }
        ChainResult javaChain;
        RespawnResult javaRespawn;
        long javaMessages;
        try (Node warmUp = Node.create("warmup@localhost")) {
            chain(warmUp, 100_000);
            messages(warmUp, MESSAGES / 10);
        }
        try (Node node = Node.create("messages@localhost")) {
            javaMessages = messages(node, MESSAGES);
        }
        try (Node node = Node.create("chain@localhost")) {
            javaChain = chain(node, CHAIN);
            javaRespawn = respawn(node, CHAIN);
        }
        printTable(javaChain, javaMessages, beamChain, beamMessages);
        printRespawn(javaRespawn, beamRespawn);
    }

    private static long[] erlLongs(ErlNode erl, String expression) {
        String text = erl.evalText(expression).replace("\"", "").trim();
        return Arrays.stream(text.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    /** The chain in Java: the same steps as runtime_bench:chain/1. */
    static ChainResult chain(Node node, int count) throws InterruptedException {
        try (Mailbox driver = node.mailbox()) {
            long before = usedHeapAfterGc();
            long t0 = System.nanoTime();
            Pid first = driver.spawn(linkNext(count - 1, driver.self()));
            Pid last = driver.receive(MessagePattern.ofType(Pid.class));
            long t1 = System.nanoTime();
            Thread.sleep(200);
            long after = usedHeapAfterGc();
            Ref ref = driver.monitor(last);
            long t2 = System.nanoTime();
            driver.exit(first, Reasons.KILL);
            Down down = driver.receive(m -> m instanceof Down d && d.ref().equals(ref) ? d : null);
            long t3 = System.nanoTime();
            if (!down.reason().equals(Reasons.KILLED)) {
                throw new IllegalStateException("the last process ended with " + down.reason());
            }
            while (NodeInternals.bodyThreads(node) > 0) {
                Thread.sleep(1);
            }
            long t4 = System.nanoTime();
            return new ChainResult((t1 - t0) / 1_000, (after - before) / count, (t3 - t2) / 1_000, (t4 - t2) / 1_000);
        }
    }

    /** The mass spawn after a mass kill in Java: the same steps as runtime_bench:respawn/1. */
    static RespawnResult respawn(Node node, int count) throws InterruptedException {
        try (Mailbox driver = node.mailbox()) {
            Chain first = Chain.build(driver, count);
            Ref firstDown = first.kill(driver);
            Chain second = Chain.build(driver, count);
            awaitDown(driver, firstDown);
            awaitDown(driver, second.kill(driver));
            while (NodeInternals.bodyThreads(node) > 0) {
                Thread.sleep(1);
            }
            return new RespawnResult(first.spawnMicros(), second.spawnMicros());
        }
    }

    /** A chain of linked processes built by a driver: how long it took, its first and its last process. */
    private record Chain(long spawnMicros, Pid first, Pid last) {

        static Chain build(Mailbox driver, int count) {
            long t0 = System.nanoTime();
            Pid first = driver.spawn(linkNext(count - 1, driver.self()));
            Pid last = driver.receive(MessagePattern.ofType(Pid.class));
            return new Chain((System.nanoTime() - t0) / 1_000, first, last);
        }

        /** Kills the first process; {@return the monitor of the last, whose down says the whole chain is dead} */
        Ref kill(Mailbox driver) {
            Ref ref = driver.monitor(last);
            driver.exit(first, Reasons.KILL);
            return ref;
        }
    }

    private static void awaitDown(Mailbox driver, Ref ref) {
        driver.receive(m -> m instanceof Down d && d.ref().equals(ref) ? d : null);
    }

    private static ProcessBody linkNext(int remaining, Pid driver) {
        return self -> {
            if (remaining == 0) {
                self.send(driver, self.self());
            } else {
                self.spawnLink(linkNext(remaining - 1, driver));
            }
            while (true) {
                self.receive();
            }
        };
    }

    /** Messages in Java: the same steps as runtime_bench:messages/1. {@return microseconds} */
    static long messages(Node node, int count) {
        try (Mailbox driver = node.mailbox()) {
            Pid receiver = driver.spawn(self -> {
                for (int i = 0; i < count; i++) {
                    self.receiveIf(m -> m == MESSAGE);
                }
                self.send(driver.self(), "done");
            });
            long t0 = System.nanoTime();
            driver.spawn(self -> {
                for (int i = 0; i < count; i++) {
                    self.send(receiver, MESSAGE);
                }
            });
            driver.receive();
            return (System.nanoTime() - t0) / 1_000;
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    private static void printTable(ChainResult java, long javaMessages, ChainResult beam, long beamMessages) {
        System.out.printf(Locale.ROOT, "runtime: %,d linked processes (each spawn-linking the next), %,d local messages%n",
                CHAIN, MESSAGES);
        System.out.printf(Locale.ROOT, "%-34s %16s %16s %12s  %s%n", "metric", "beamlink", "BEAM", "ratio", "target");
        row("spawn + link (processes/s)", perSecond(CHAIN, java.spawnMicros()), perSecond(CHAIN, beam.spawnMicros()),
                true, "rate >= 1/3 of BEAM");
        row("idle memory per process (bytes)", java.bytesPerProcess(), beam.bytesPerProcess(), false, "<= BEAM");
        row("exit propagation (processes/s)", perSecond(CHAIN, java.exitMicros()), perSecond(CHAIN, beam.exitMicros()),
                true, "rate >= 1/3 of BEAM");
        row("local messages (messages/s)", perSecond(MESSAGES, javaMessages), perSecond(MESSAGES, beamMessages),
                true, "(no target)");
        System.out.printf(Locale.ROOT, "times: spawn %,d ms vs %,d ms; kill-to-last-dead %,d ms vs %,d ms; messages %,d ms vs %,d ms%n",
                java.spawnMicros() / 1000, beam.spawnMicros() / 1000, java.exitMicros() / 1000, beam.exitMicros() / 1000,
                javaMessages / 1000, beamMessages / 1000);
        System.out.printf(Locale.ROOT, "beamlink: every killed process's virtual thread had unwound %,d ms after the kill"
                + " (dead processes are out of the tables at once; their threads are reclaimed after)%n",
                java.unwoundMicros() / 1000);
        System.out.println("ratio = beamlink / BEAM (for rates, higher is better; for memory, lower is better)");
    }

    private static void printRespawn(RespawnResult java, RespawnResult beam) {
        System.out.printf(Locale.ROOT, "a second chain of %,d built while the first is killed (its exit spreading, its"
                + " threads unwinding), on the same node:%n", CHAIN);
        System.out.printf(Locale.ROOT, "%-34s %16s %16s %12s  %s%n", "metric", "beamlink", "BEAM", "ratio", "target");
        row("first chain: spawn + link (proc/s)", perSecond(CHAIN, java.firstMicros()),
                perSecond(CHAIN, beam.firstMicros()), true, "rate >= 1/3 of BEAM");
        row("second chain, during the kill", perSecond(CHAIN, java.secondMicros()),
                perSecond(CHAIN, beam.secondMicros()), true, "rate >= 1/3 of BEAM");
        System.out.printf(Locale.ROOT, "second chain's spawn rate / first's: beamlink %.2f, BEAM %.2f%n",
                (double) java.firstMicros() / java.secondMicros(), (double) beam.firstMicros() / beam.secondMicros());
    }

    private static long perSecond(long count, long micros) {
        return micros == 0 ? Long.MAX_VALUE : count * 1_000_000L / micros;
    }

    private static void row(String metric, long java, long beam, boolean rate, String target) {
        double ratio = (double) java / beam;
        boolean met = rate ? ratio >= 1.0 / 3 : ratio <= 1.0;
        System.out.printf(Locale.ROOT, "%-34s %,16d %,16d %12.2f  %s %s%n", metric, java, beam, ratio, target,
                target.startsWith("(") ? "" : met ? "met" : "MISSED");
    }
}
