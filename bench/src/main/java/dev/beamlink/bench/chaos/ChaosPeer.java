package dev.beamlink.bench.chaos;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Term;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.etf.ErlList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One erl node of the soak, under a name that outlives its incarnations: the launcher ({@link ErlNode}) gives every
 * node it starts a name of its own, so each incarnation is renamed at once ({@code chaos:rename/1}) to the peer's
 * name, and a node killed comes back under the name it had.
 */
final class ChaosPeer implements AutoCloseable {

    private static final List<String> KEYS = List.of("links_made", "links_fired", "monitors_made", "monitors_fired",
            "violations", "unconfirmed");

    private final Atom name;
    private final Epmd epmd;
    private final String cookie;
    private final int ticktimeSeconds;
    private ErlNode erl;
    private int incarnations;
    /** The counts of the incarnations killed, as each reported them just before its kill. */
    private final Map<String, Long> past = new HashMap<>();
    private final List<String> pastDetails = new ArrayList<>();

    ChaosPeer(String shortName, Epmd epmd, String cookie, int ticktimeSeconds) {
        this.name = Atom.of(shortName + "@localhost");
        this.epmd = epmd;
        this.cookie = cookie;
        this.ticktimeSeconds = ticktimeSeconds;
    }

    Atom name() {
        return name;
    }

    /** Starts an incarnation under the peer's name (after a kill, once epmd has let the old one go). */
    void boot() throws InterruptedException {
        incarnations++;
        erl = ErlNode.builder().name("chaos_boot").cookie(cookie).epmd(epmd).ticktimeSeconds(ticktimeSeconds)
                .evalTimeout(Duration.ofSeconds(30)).start();
        for (int attempt = 1; ; attempt++) {
            try {
                erl.eval("chaos:rename('" + name.text() + "').");
                return;
            } catch (RuntimeException taken) {
                if (attempt == 20) {
                    throw new IllegalStateException(name + " cannot take its name back", taken);
                }
                Thread.sleep(250);
            }
        }
    }

    /** Starts {@code count} erl holders that churn links and monitors with the Java node's processes. */
    void startHolders(Atom javaNode, int count, long seed) {
        erl.eval("chaos:start('" + javaNode.text() + "', " + count + ", " + seed + ").");
    }

    /** Kills the node with SIGKILL, keeping what it counted until then (its open links and monitors die with it). */
    void kill() {
        ErlMap last = report();
        for (String key : KEYS) {
            past.merge(key, count(last, key), Long::sum);
        }
        past.merge("open_at_kills", count(last, "open"), Long::sum);
        pastDetails.addAll(violationDetails(last));
        erl.kill();
        erl.close();
    }

    void freeze() {
        erl.freeze();
    }

    void resume() {
        erl.resume();
    }

    void disconnect(Atom javaNode) {
        erl.eval("erlang:disconnect_node('" + javaNode.text() + "').");
    }

    void stopHolders() {
        erl.eval("chaos:stop().");
    }

    /** {@return {@code chaos:report()} of this incarnation's holders} */
    ErlMap report() {
        return (ErlMap) Etf.decode(erl.eval("chaos:report().").etf());
    }

    int incarnations() {
        return incarnations;
    }

    /**
     * {@return the counts of every incarnation, {@code last} being the report of the one alive} {@code violations}
     * includes the links and monitors that fired noconnection with no nodedown (those still open at the end are in
     * {@code open}, those open at a kill in {@code open_at_kills}).
     */
    Map<String, Long> totals(ErlMap last) {
        Map<String, Long> totals = new HashMap<>(past);
        for (String key : KEYS) {
            totals.merge(key, count(last, key), Long::sum);
        }
        totals.merge("violations", totals.remove("unconfirmed"), Long::sum);
        totals.putIfAbsent("open_at_kills", 0L);
        totals.put("open", count(last, "open"));
        return totals;
    }

    /** {@return the violations of every incarnation killed and of {@code last}, word for word (the first of each)} */
    List<String> violationDetails(ErlMap last) {
        List<String> details = new ArrayList<>(pastDetails);
        if (last.get(Atom.of("details")) instanceof ErlList list) {
            list.elements().forEach(d -> details.add(d.toString()));
        }
        return details;
    }

    static long count(ErlMap report, String key) {
        Term value = report.get(Atom.of(key));
        return value instanceof Int n ? n.value() : 0;
    }

    @Override
    public void close() {
        if (erl != null) {
            erl.resume();
            erl.close();
        }
    }
}
