package dev.beamlink.bench.chaos;

import dev.beamlink.bench.codec.FuzzRun;
import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.node.Node;
import dev.beamlink.testing.Epmd;
import java.time.Duration;
import dev.beamlink.etf.Pid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code bench/run chaos}: a soak of links and monitors across nodes that are killed, frozen and disconnected.
 *
 * <p>One beamlink node (in this JVM) and three erl nodes, on loopback with a private epmd and a net_ticktime of
 * {@value #TICKTIME_SECONDS} s everywhere. For {@code CHAOS_DURATION} (default 10m) six Java holders
 * ({@link JavaHolder}) spawn processes on the erl nodes, link to and/or monitor them and have them end with random
 * reasons, while four erl holders on each erl node ({@code chaos.erl}) do the same with Java processes; meanwhile,
 * every 1 to 7 s, each erl node (on a thread of its own) is killed with SIGKILL (and started again under its name),
 * frozen with SIGSTOP for 1.25 to 2.5 tick times and resumed, or disconnected by the Java node or by itself. Every
 * link must end in exactly one exit signal and every monitor in exactly one DOWN, with the reason the process ended
 * with, or noconnection: Java-held ones are checked here, erl-held ones on the erl node (each incarnation reports
 * before its kill; what is open at a kill dies with it). Then the
 * churn stops, every node is resumed and connected, and after a settle period the node's {@link Resources} must be
 * those of the start. Exits 1 on any violation or difference.
 *
 * <p>Environment: {@code CHAOS_DURATION} (90s, 10m, 1h), {@code CHAOS_SEED} (a number: the same chaos again, as
 * far as timing allows; default: random, printed).
 */
public final class ChaosBench {

    static final int TICKTIME_SECONDS = 4;
    private static final String COOKIE = "beamlink-chaos";
    private static final int JAVA_HOLDERS = 6;
    private static final int ERL_HOLDERS = 4;
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Duration PROGRESS = Duration.ofSeconds(30);

    private ChaosBench() {
    }

    public static void main(String[] args) throws Exception {
        // Connections lost, spawns refused and global's partition guard are the soak's daily bread: warnings would
        // drown the report. Errors still show.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        Duration duration = FuzzRun.parseDuration(System.getenv().getOrDefault("CHAOS_DURATION", "10m"));
        String seedText = System.getenv("CHAOS_SEED");
        long seed = seedText == null || seedText.isBlank() ? new Random().nextLong() & 0xFFFFFFFFL : Long.parseLong(seedText);
        System.out.printf(Locale.ROOT, "chaos: %s, seed %d (CHAOS_SEED=%d for the same chaos), net_ticktime %d s%n",
                duration, seed, seed, TICKTIME_SECONDS);
        boolean clean = run(duration, new Random(seed), seed);
        System.exit(clean ? 0 : 1);
    }

    private static boolean run(Duration duration, Random random, long seed) throws Exception {
        ChaosLedger ledger = new ChaosLedger();
        long jvm = ProcessHandle.current().pid();
        List<ChaosPeer> peers = new ArrayList<>();
        try (Epmd epmd = Epmd.start();
             DistributedNode java = DistributedNode.builder("chaos_java_" + jvm + "@localhost").cookie(COOKIE)
                     .epmdPort(epmd.port()).ticktime(Duration.ofSeconds(TICKTIME_SECONDS)).start()) {
            Node node = java.node();
            Losses losses = new Losses();
            node.addNodeListener(losses);
            for (String letter : List.of("a", "b", "c")) {
                ChaosPeer peer = new ChaosPeer("chaos_" + letter + "_" + jvm, epmd, COOKIE, TICKTIME_SECONDS);
                peers.add(peer);
                peer.boot();
                if (!java.ping(peer.name())) {
                    throw new IllegalStateException("the Java node cannot reach " + peer.name());
                }
            }
            List<Atom> names = peers.stream().map(ChaosPeer::name).toList();
            JavaTargets.startSpawner(node);
            List<JavaHolder> holders = new ArrayList<>();
            for (int i = 0; i < JAVA_HOLDERS; i++) {
                JavaHolder holder = new JavaHolder(ledger, () -> names, losses, seed * 31 + i);
                holders.add(holder);
                node.spawn(holder.body());
            }
            Thread.sleep(1_000);
            Resources baseline = Resources.of(node);
            Set<Pid> baselinePids = new HashSet<>(node.processes());
            Set<String> baselineThreads = beamlinkThreads();
            for (ChaosPeer peer : peers) {
                peer.startHolders(node.name(), ERL_HOLDERS, seed);
            }
            holders.forEach(JavaHolder::startChurning);

            chaos(duration, random, peers, java, ledger);

            List<ErlMap> reports = settle(holders, peers, ledger);
            for (ChaosPeer peer : peers) {
                java.ping(peer.name());
            }
            Resources end = Resources.of(node);
            long resourcesEnd = System.nanoTime() + SETTLE.toNanos();
            while (!end.differencesFrom(baseline).isEmpty() && System.nanoTime() < resourcesEnd) {
                Thread.sleep(1_000);
                end = Resources.of(node);
            }
            boolean clean = report(ledger, peers, reports, baseline, end);
            if (end.processes() != baseline.processes()) {
                node.processes().stream().filter(p -> !baselinePids.contains(p)).limit(10)
                        .forEach(p -> System.out.println("  extra process: " + node.processInfo(p).orElse(null)));
            }
            if (end.beamlinkThreads() != baseline.beamlinkThreads()) {
                System.out.println("  beamlink threads at the start: " + baselineThreads);
                System.out.println("  beamlink threads at the end:   " + beamlinkThreads());
            }
            return clean;
        } finally {
            peers.forEach(ChaosPeer::close);
        }
    }

    /**
     * Stops the churn and waits up to {@link #SETTLE} for every open link and monitor to fire. {@return each erl
     * node's last report} What is still open then, and an erl node that does not report, are violations.
     */
    private static List<ErlMap> settle(List<JavaHolder> holders, List<ChaosPeer> peers, ChaosLedger ledger)
            throws InterruptedException {
        System.err.println("  churn stops; settling");
        holders.forEach(JavaHolder::stopChurning);
        for (ChaosPeer peer : peers) {
            try {
                peer.stopHolders();
            } catch (RuntimeException e) {
                ledger.violation(peer.name() + " did not stop its holders: " + firstLine(e));
            }
        }
        List<String> silent = new ArrayList<>();
        List<String> open = new ArrayList<>();
        List<ErlMap> reports = new ArrayList<>();
        long settleEnd = System.nanoTime() + SETTLE.toNanos();
        do {
            Thread.sleep(2_000);
            open.clear();
            holders.forEach(h -> open.addAll(h.open()));
            reports.clear();
            silent.clear();
            for (ChaosPeer peer : peers) {
                try {
                    reports.add(peer.report());
                } catch (RuntimeException e) {
                    reports.add(ErlMap.EMPTY);
                    silent.add(peer.name() + " did not report: " + firstLine(e));
                }
            }
        } while ((!open.isEmpty() || !silent.isEmpty()
                || reports.stream().anyMatch(r -> ChaosPeer.count(r, "open") > 0)) && System.nanoTime() < settleEnd);
        open.forEach(o -> ledger.violation("never fired: " + o));
        silent.forEach(ledger::violation);
        holders.forEach(h -> h.noconnectionWithoutLoss().forEach(ledger::violation));
        return reports;
    }

    static String firstLine(RuntimeException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /**
     * Kills, freezes and disconnects the erl nodes at random until {@code duration} is over: each node has a thread of
     * its own that does one thing to it at a time, so that one node may be frozen while another is killed.
     */
    private static void chaos(Duration duration, Random random, List<ChaosPeer> peers, DistributedNode java,
                              ChaosLedger ledger) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> drivers = new ArrayList<>();
        for (ChaosPeer peer : peers) {
            long seed = random.nextLong();
            drivers.add(Thread.ofPlatform().name("chaos-" + peer.name().text()).start(() -> {
                try {
                    drive(peer, new Random(seed), end, java, ledger);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(PROGRESS.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            System.err.printf(Locale.ROOT, "  %3d s: %s%n", (System.nanoTime() - start) / 1_000_000_000L,
                    ledger.progress());
        }
        for (Thread driver : drivers) {
            driver.join();
        }
    }

    private static void drive(ChaosPeer peer, Random random, long end, DistributedNode java, ChaosLedger ledger)
            throws InterruptedException {
        while (System.nanoTime() < end) {
            Thread.sleep(1_000 + random.nextInt(6_000));
            try {
                act(peer, random, java, ledger);
            } catch (RuntimeException e) {
                // an erl node that does not answer its control loop, or cannot start: the soak cannot go on with it
                ledger.violation("chaos on " + peer.name() + " failed: " + firstLine(e));
                peer.resume();
            }
        }
    }

    private static void act(ChaosPeer peer, Random random, DistributedNode java, ChaosLedger ledger)
            throws InterruptedException {
        switch (random.nextInt(4)) {
            case 0 -> {
                peer.kill();
                ledger.kills.incrementAndGet();
                Thread.sleep(500 + random.nextInt(1_500));
                peer.boot();
                peer.startHolders(java.name(), ERL_HOLDERS, random.nextInt(1_000_000));
            }
            case 1 -> {
                peer.freeze();
                ledger.freezes.incrementAndGet();
                Thread.sleep((long) (TICKTIME_SECONDS * 1000 * (1.25 + 1.25 * random.nextDouble())));
                peer.resume();
            }
            case 2 -> {
                java.node().disconnect(peer.name());
                ledger.javaDisconnects.incrementAndGet();
            }
            default -> {
                peer.disconnect(java.name());
                ledger.erlDisconnects.incrementAndGet();
            }
        }
    }

    private static boolean report(ChaosLedger ledger, List<ChaosPeer> peers, List<ErlMap> reports, Resources baseline,
                                  Resources end) {
        System.out.println("Java-held (counted on the Java node):");
        System.out.printf(Locale.ROOT, "  links    made %,9d  fired %,9d%n", ledger.linksMade.get(), ledger.linksFired.get());
        System.out.printf(Locale.ROOT, "  monitors made %,9d  fired %,9d   (%,d of all fired with noconnection;"
                + " %,d spawns refused or unreachable)%n", ledger.monitorsMade.get(), ledger.monitorsFired.get(),
                ledger.firedNoconnection.get(), ledger.spawnsRefused.get());
        System.out.println("erl-held (counted on each erl node, summed over its incarnations; open at a kill: lost with"
                + " the node, unchecked):");
        long erlViolations = 0;
        for (int i = 0; i < peers.size(); i++) {
            ChaosPeer peer = peers.get(i);
            Map<String, Long> r = peer.totals(reports.get(i));
            erlViolations += r.get("violations");
            System.out.printf(Locale.ROOT, "  %-26s %2d incarnations: links made %,7d fired %,7d; monitors made %,7d"
                            + " fired %,7d; open at kills %,d; open at the end %d; violations %d%n", peer.name().text(),
                    peer.incarnations(), r.get("links_made"), r.get("links_fired"), r.get("monitors_made"),
                    r.get("monitors_fired"), r.get("open_at_kills"), r.get("open"), r.get("violations"));
            peer.violationDetails(reports.get(i)).forEach(d -> System.out.println("    " + d));
        }
        System.out.printf(Locale.ROOT, "chaos: kills %d, freezes %d, disconnects %d by the Java node + %d by erl nodes%n",
                ledger.kills.get(), ledger.freezes.get(), ledger.javaDisconnects.get(), ledger.erlDisconnects.get());
        System.out.printf(Locale.ROOT, "%-28s %22s %22s%n", "Java node", "baseline", "end");
        row("processes", baseline.processes(), end.processes());
        row("remote entries (total)", baseline.entries().total(), end.entries().total());
        row("  links / monitors", baseline.entries().links() + " / " + baseline.entries().monitors(),
                end.entries().links() + " / " + end.entries().monitors());
        row("  monitored by / spawns", baseline.entries().monitoredBy() + " / " + baseline.entries().pendingSpawns(),
                end.entries().monitoredBy() + " / " + end.entries().pendingSpawns());
        row("beamlink platform threads", baseline.beamlinkThreads(), end.beamlinkThreads());
        row("pooled direct allocs/bytes", baseline.pooledDirectAllocations() + " / " + baseline.pooledDirectBytes(),
                end.pooledDirectAllocations() + " / " + end.pooledDirectBytes());
        row("pooled heap allocs/bytes", baseline.pooledHeapAllocations() + " / " + baseline.pooledHeapBytes(),
                end.pooledHeapAllocations() + " / " + end.pooledHeapBytes());
        row("(signal workers)", baseline.signalWorkers(), end.signalWorkers());
        row("(all platform threads)", baseline.allThreads(), end.allThreads());
        row("(NIO direct bytes)", baseline.nioDirectBytes(), end.nioDirectBytes());
        List<String> differences = end.differencesFrom(baseline);
        long violations = ledger.violations() + erlViolations + differences.size();
        System.out.printf(Locale.ROOT, "violations: %d (Java-held %d, erl-held %d, resources %d)%n", violations,
                ledger.violations(), erlViolations, differences.size());
        ledger.details().forEach(d -> System.out.println("  " + d));
        differences.forEach(d -> System.out.println("  " + d));
        return violations == 0;
    }

    private static Set<String> beamlinkThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("beamlink-") && !n.startsWith(Resources.SIGNAL_WORKERS))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void row(String what, Object baseline, Object end) {
        System.out.printf(Locale.ROOT, "%-28s %22s %22s%n", what, baseline, end);
    }
}
