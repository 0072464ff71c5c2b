package dev.beamlink.bench.chaos;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What the chaos soak counts on the Java side: links and monitors made and fired, the chaos done, the violations. */
final class ChaosLedger {

    /** How many violations are kept word for word (all are counted). */
    private static final int KEPT = 30;

    final AtomicLong linksMade = new AtomicLong();
    final AtomicLong linksFired = new AtomicLong();
    final AtomicLong monitorsMade = new AtomicLong();
    final AtomicLong monitorsFired = new AtomicLong();
    final AtomicLong firedNoconnection = new AtomicLong();
    final AtomicLong spawnsRefused = new AtomicLong();
    final AtomicLong kills = new AtomicLong();
    final AtomicLong freezes = new AtomicLong();
    final AtomicLong javaDisconnects = new AtomicLong();
    final AtomicLong erlDisconnects = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private final ConcurrentLinkedQueue<String> kept = new ConcurrentLinkedQueue<>();

    void violation(String what) {
        if (violations.incrementAndGet() <= KEPT) {
            kept.add(what);
        }
        System.err.println("  VIOLATION: " + what);
    }

    long violations() {
        return violations.get();
    }

    /** {@return the first violations, word for word} */
    List<String> details() {
        return List.copyOf(kept);
    }

    String progress() {
        return String.format(Locale.ROOT, "links %d/%d fired, monitors %d/%d fired (%d noconnection);"
                        + " kills %d, freezes %d, disconnects %d Java-side + %d erl-side; violations %d",
                linksFired.get(), linksMade.get(), monitorsFired.get(), monitorsMade.get(), firedNoconnection.get(),
                kills.get(), freezes.get(), javaDisconnects.get(), erlDisconnects.get(), violations.get());
    }
}
