package dev.beamlink.interop.tls;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.ErlSide;
import dev.beamlink.dist.transport.DistTransport;
import dev.beamlink.etf.Term;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Nodes;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The nodes of the TLS tests, from the kit's {@link Nodes} of their class: erl nodes with an optfile, Java nodes with a
 * transport. These classes set up their nodes' distribution themselves, so the run over TLS leaves them out (tag tls).
 */
final class TlsNodes {

    /** How long a test waits for what must happen, on a loaded machine. */
    static final Duration PATIENCE = Await.PATIENCE;

    private TlsNodes() {
    }

    /** {@return a started erl node that runs distribution over TLS with {@code optFile}} */
    static ErlNode erl(Nodes nodes, String prefix, Path optFile) {
        return nodes.erl(prefix, builder -> builder.tlsDistribution(optFile));
    }

    /** {@return a started Java node with a unique short name on loopback, with {@code transport}} */
    static DistributedNode java(Nodes nodes, String prefix, DistTransport transport) {
        return nodes.beamlink(prefix, builder -> builder.transport(transport));
    }

    /** {@return the value of {@code expressions} on erl, each {@code %s} replaced by the next term} */
    static Term eval(ErlNode erl, String expressions, Term... terms) {
        return ErlSide.eval(erl, expressions, terms);
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
}
