package dev.beamlink.bench.chaos;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.ErlangException;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A Java process that traps exits and churns links and monitors with processes it spawns on the erl nodes
 * ({@code chaos:target/0}): each is linked to, monitored, or both, and ended by its own {@code exit/1} with a reason
 * this holder picks, or by this holder's {@code exit/2}. Each link must end in exactly one {@link Exit} and each
 * monitor in exactly one {@link Down}, with the reason picked, or {@code noconnection}; or {@code noproc} when the
 * connection to that node was lost between the spawn and the link (the process may be gone, or of an old incarnation).
 */
final class JavaHolder {

    /** The reasons a process is ended with, as in {@code chaos:reasons/0}; {@code kill} through exit/2 arrives as killed. */
    static final List<Term> REASONS = List.of(Atom.of("normal"), Atom.of("shutdown"), Atom.of("kill"), Atom.of("boom"),
            Tuple.of(Atom.of("shutdown"), Atom.of("chaos")), Tuple.of(Atom.of("chaos"), Int.of(1)),
            Tuple.of(Atom.of("chaos"), ErlList.of(Int.of(1), Int.of(2), Int.of(3)), Binary.ofUtf8("why")));
    private static final Atom NORMAL = Atom.of("normal");
    private static final Atom KILL = Atom.of("kill");
    private static final Atom KILLED = Atom.of("killed");
    private static final Atom NOCONNECTION = Atom.of("noconnection");
    private static final Atom NOPROC = Atom.of("noproc");
    private static final Atom CHAOS = Atom.of("chaos");
    private static final Atom TARGET = Atom.of("target");
    private static final int MAX_OPEN = 16;

    /** A link or monitor not fired yet: the reason expected, and the node's connection-loss count before the spawn. */
    record Open(Pid target, Term expected, long lossesBefore) {
    }

    private record Due(long atNanos, Pid target, Term reason) {
    }

    private final ChaosLedger ledger;
    private final Supplier<List<Atom>> peers;
    private final Losses losses;
    private final Random random;
    private volatile boolean churning;
    /** The open links (by target) and monitors (by ref): read by the bench at the end. */
    private final Map<Pid, Open> links = new ConcurrentHashMap<>();
    private final Map<Ref, Open> monitors = new ConcurrentHashMap<>();
    private final Map<Pid, Term> firedLinks = new HashMap<>();
    private final Map<Ref, Term> firedMonitors = new HashMap<>();
    /** Fired noconnection before the Java node had reported a loss of that connection: checked again at the end. */
    private final List<Open> unconfirmedNoconnection = new CopyOnWriteArrayList<>();
    private final PriorityQueue<Due> exits = new PriorityQueue<>((a, b) -> Long.compare(a.atNanos, b.atNanos));

    JavaHolder(ChaosLedger ledger, Supplier<List<Atom>> peers, Losses losses, long seed) {
        this.ledger = ledger;
        this.peers = peers;
        this.losses = losses;
        this.random = new Random(seed);
    }

    /** Starts making links and monitors. */
    void startChurning() {
        churning = true;
    }

    /** Stops making links and monitors; the open ones are still counted as they fire. */
    void stopChurning() {
        churning = false;
    }

    /**
     * {@return the links and monitors that fired noconnection although the Java node never reported the loss of that
     * connection after they were made, described} (The report of a loss may come a little after the signals.)
     */
    List<String> noconnectionWithoutLoss() {
        return unconfirmedNoconnection.stream().filter(o -> losses.of(o.target().node()) == o.lossesBefore())
                .map(o -> "fired noconnection, but the connection to " + o.target().node() + " was not lost: " + o)
                .toList();
    }

    /** {@return the links and monitors not fired yet, described} */
    List<String> open() {
        List<String> open = new ArrayList<>();
        links.forEach((pid, o) -> open.add("link to " + pid + " expecting " + o.expected()));
        monitors.forEach((ref, o) -> open.add("monitor " + ref + " on " + o.target() + " expecting " + o.expected()));
        return open;
    }

    ProcessBody body() {
        return self -> {
            self.trapExit(true);
            while (true) {
                if (churning && links.size() + monitors.size() < MAX_OPEN) {
                    churn(self);
                }
                long wait = 1 + random.nextInt(50);
                Due next = exits.peek();
                if (next != null) {
                    wait = Math.max(0, Math.min(wait, (next.atNanos - System.nanoTime()) / 1_000_000));
                }
                Optional<Object> message = self.receive(Duration.ofMillis(wait));
                message.ifPresent(this::handle);
                while (!exits.isEmpty() && exits.peek().atNanos <= System.nanoTime()) {
                    Due due = exits.poll();
                    self.exit(due.target, due.reason);
                }
            }
        };
    }

    private void churn(Mailbox self) {
        List<Atom> nodes = peers.get();
        Atom node = nodes.get(random.nextInt(nodes.size()));
        long lossesBefore = losses.of(node);
        Pid target;
        try {
            target = self.spawn(node, CHAOS, TARGET, List.of());
        } catch (ErlangException refused) {
            ledger.spawnsRefused.incrementAndGet();
            return;
        }
        if (!target.node().equals(self.node().name())) {
            Term reason = REASONS.get(random.nextInt(REASONS.size()));
            boolean byExit2 = random.nextInt(3) == 0 && !reason.equals(NORMAL);
            int delay = random.nextInt(2000);
            Open open = new Open(target, byExit2 && reason.equals(KILL) ? KILLED : reason, lossesBefore);
            int kind = random.nextInt(3);
            if (kind != 1) {
                self.link(target);
                links.put(target, open);
                ledger.linksMade.incrementAndGet();
            }
            if (kind != 0) {
                monitors.put(self.monitor(target), open);
                ledger.monitorsMade.incrementAndGet();
            }
            self.send(target, JavaTargets.go(reason, byExit2 ? -1 : delay));
            if (byExit2) {
                exits.add(new Due(System.nanoTime() + delay * 1_000_000L, target, reason));
            }
        } else {
            ledger.spawnsRefused.incrementAndGet(); // the node could not be reached: a dead local pid
        }
    }

    private void handle(Object message) {
        switch (message) {
            case Exit(Pid from, Term reason) -> {
                ledger.linksFired.incrementAndGet();
                fired("link to " + from, links.remove(from), firedLinks, from, reason);
            }
            case Down(Ref ref, Term object, Term reason) -> {
                ledger.monitorsFired.incrementAndGet();
                fired("monitor " + ref + " on " + object, monitors.remove(ref), firedMonitors, ref, reason);
            }
            default -> ledger.violation("a Java holder got an unexpected message: " + message);
        }
    }

    private <K> void fired(String what, Open open, Map<K, Term> fired, K key, Term reason) {
        if (open == null) {
            Term first = fired.get(key);
            ledger.violation(first != null ? what + " fired twice: " + first + ", then " + reason
                    : what + " fired, but was never made: " + reason);
            return;
        }
        fired.put(key, reason);
        if (reason.equals(NOCONNECTION)) {
            ledger.firedNoconnection.incrementAndGet();
            if (losses.of(open.target().node()) == open.lossesBefore()) {
                unconfirmedNoconnection.add(open);
            }
        }
        boolean right = reason.equals(open.expected()) || reason.equals(NOCONNECTION)
                || reason.equals(NOPROC) && losses.of(open.target().node()) > open.lossesBefore();
        if (!right) {
            ledger.violation(what + " fired with " + reason + ", expected " + open.expected() + " or noconnection");
        }
    }
}
