package dev.beamlink.testing.junit;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.testing.Distribution;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.OtpInstallation;
import dev.beamlink.testing.tls.TlsKit;
import java.util.function.UnaryOperator;

/**
 * More nodes of a test class's cluster, started by the test itself: for nodes whose options or number a test works out
 * as it runs, or that it starts and stops in the middle. A parameter of this type (of a test, or of a lifecycle method)
 * gets them; the nodes they start stop with that test, or with the class for a {@code @BeforeAll} method's, whatever its
 * outcome (a test may stop them earlier itself). They are the class's nodes as {@link Erl} and {@link Beamlink} ones
 * are: its epmd, its cookie, its release and the run's distribution, and a name made unique. A {@link Erl} or
 * {@link Beamlink} annotation registers the kit for the field or method it is on; a class that uses only this type
 * registers it itself, with {@code @ExtendWith(ErlangExtension.class)}.
 *
 * <pre>{@code
 * @ExtendWith(ErlangExtension.class)
 * class LimitsTest {
 *     @Test
 *     void aNodeWithALimit(Nodes nodes) {
 *         DistributedNode limited = nodes.beamlink("limited", builder -> builder.processLimit(100));
 *         ErlNode ticking = nodes.erl("ticking", builder -> builder.ticktimeSeconds(2));
 *     }
 * }
 * }</pre>
 */
public final class Nodes {

    private final Scope scope;

    Nodes(Scope scope) {
        this.scope = scope;
    }

    /** {@return a started erl node called {@code name} (a unique suffix is added), with the class's settings} */
    public ErlNode erl(String name) {
        return erl(name, builder -> builder);
    }

    /**
     * {@return a started erl node called {@code name}: the class's settings, then what {@code options} sets on the
     * builder (which may change them)}
     */
    public ErlNode erl(String name, UnaryOperator<ErlNode.Builder> options) {
        return scope.startErl(name, options);
    }

    /**
     * {@return a started beamlink node called {@code name} (a unique suffix and {@code @localhost} are added, unless
     * {@code name} has a host itself: then it is the full name), with the class's settings; not yet connected}
     */
    public DistributedNode beamlink(String name) {
        return beamlink(name, builder -> builder);
    }

    /** {@return a started beamlink node called {@code name}: the class's settings, then what {@code options} sets} */
    public DistributedNode beamlink(String name, UnaryOperator<DistributedNode.Builder> options) {
        return scope.startBeamlink(name, options);
    }

    /** {@return the class's epmd} */
    public Epmd epmd() {
        return scope.cluster().epmd();
    }

    /** {@return the class's cookie} */
    public String cookie() {
        return scope.cluster().cookie();
    }

    /** {@return the installation the class's nodes run from: its {@link Otp} release, else the run's, else the host's} */
    public OtpInstallation installation() {
        return scope.cluster().installation();
    }

    /** {@return the run's distribution ({@code -Dbeamlink.dist}), which the class's nodes have} */
    public Distribution distribution() {
        return scope.cluster().distribution();
    }

    /**
     * {@return the class's TLS certificates and erl optfile, made at the first call: what its nodes use in a run over
     * TLS, and what a test of TLS itself starts its nodes with ({@link ErlNode.Builder#tlsDistribution},
     * {@link BeamlinkTls#transport})}
     */
    public TlsKit tls() {
        return scope.cluster().tls();
    }
}
