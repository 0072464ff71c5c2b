package dev.beamlink.bench.chaos;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Term;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;

/**
 * One erl node of the soak, under a name that outlives its incarnations: the launcher ({@link ErlNode}) gives every
 * node it starts a name of its own, so each incarnation is renamed at once ({@code chaos:rename/1}) to the peer's
 * name, and a node killed comes back under the name it had.
 */
final class ChaosPeer implements AutoCloseable {

    private final Atom name;
    private final Epmd epmd;
    private final String cookie;
    private final int ticktimeSeconds;
    private ErlNode erl;

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

    void kill() {
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

    static long count(ErlMap report, String key) {
        Term value = report.get(Atom.of(key));
        return value instanceof dev.beamlink.etf.Int n ? n.value() : 0;
    }

    @Override
    public void close() {
        if (erl != null) {
            erl.resume();
            erl.close();
        }
    }
}
