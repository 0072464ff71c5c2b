package dev.beamlink.dist.tls;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.transport.DistTransport;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Term;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** The nodes of the TLS tests: erl nodes with an optfile, Java nodes with a transport, on one test EPMD. */
final class TlsNodes {

    static final String COOKIE = "tls-interop-cookie";
    /** How long a test waits for what must happen, on a loaded machine. */
    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TlsNodes() {
    }

    /** {@return a started erl node that runs distribution with {@code erlArgs} (none: plain TCP)} */
    static ErlNode erl(String prefix, Epmd epmd, String... erlArgs) {
        return ErlNode.builder().name(prefix).cookie(COOKIE).epmd(epmd).args(erlArgs).start();
    }

    /** {@return a builder of a Java node with a unique short name on loopback, on {@code epmd}, with {@code transport}} */
    static DistributedNode.Builder java(String prefix, Epmd epmd, DistTransport transport) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet() + "@localhost";
        return DistributedNode.builder(name).cookie(COOKIE).epmdPort(epmd.port())
                .listenAddress(InetAddress.getLoopbackAddress()).transport(transport);
    }

    static DistributedNode start(DistributedNode.Builder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the value of {@code expressions} on erl, each {@code %s} replaced by the next term} */
    static Term eval(ErlNode erl, String expressions, Term... terms) {
        return Etf.decode(erl.eval(expressions.formatted((Object[]) List.of(terms).stream().map(TlsNodes::literal)
                .toArray(String[]::new))).etf());
    }

    /** {@return {@code term} as an Erlang expression: {@code binary_to_term(<<...>>)}} */
    private static String literal(Term term) {
        StringBuilder out = new StringBuilder("binary_to_term(<<");
        byte[] bytes = Etf.encode(term);
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "" : ",").append(bytes[i] & 0xFF);
        }
        return out.append(">>)").toString();
    }

    /**
     * {@return the TLS version of erl's connection to {@code node}, as erl's ssl names it ({@code 'tlsv1.2'})}; erl's
     * shell keeps bindings from one evaluation to the next, so the expression binds no variable
     */
    static String erlTlsVersion(ErlNode erl, String node) {
        return erl.evalText("proplists:get_value(protocol, element(2, ssl:connection_information(element(2,"
                + " tls_sender:dist_tls_socket(hd([C || {N, C} <- erlang:system_info(dist_ctrl), N =:= '" + node + "']))),"
                + " [protocol]))).");
    }

    /** Closes what was opened (nulls: not opened), in order. */
    static void closeAll(AutoCloseable... opened) throws Exception {
        for (AutoCloseable each : opened) {
            if (each != null) {
                each.close();
            }
        }
    }

    /** Waits, up to {@link #PATIENCE}, for {@code condition}; {@return whether it held} */
    static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
