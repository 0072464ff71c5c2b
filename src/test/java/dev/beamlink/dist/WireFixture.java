package dev.beamlink.dist;

import dev.beamlink.dist.transport.tls.JavaTls;
import dev.beamlink.testing.Distribution;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.tls.TlsKit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live nodes of a test class in src (the tests that need the node's internals: raw frames, the handshake, the
 * connection's queue): an EPMD of the class's own, a live erl and a Java node registered with it, connected on the
 * first signal, stopped after the class. A subclass sets further options of either node ({@link #erlOptions},
 * {@link #javaOptions}). They run on the run's OTP release ({@code -Dbeamlink.otp}, see the launcher's
 * {@code OtpInstallation.ofRun()}) and over the run's distribution ({@code -Dbeamlink.dist=tls}: both nodes over mutual
 * TLS, with certificates made for the class). A class that talks plain TCP whatever the run's is {@link PlainTcp}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WireFixture extends WireBase {

    private Epmd epmd;
    private ErlNode erlNode;
    /** Starts the nodes; in a run over TLS with certificates made in {@code tlsFiles}, which is removed after the class. */
    @BeforeAll
    final void startNodes(@TempDir Path tlsFiles) {
        epmd = Epmd.start();
        ErlNode.Builder erlBuilder = ErlNode.builder().name(getClass().getSimpleName().toLowerCase())
                .cookie(JavaNodes.COOKIE).epmd(epmd);
        DistributedNode.Builder javaBuilder = JavaNodes.builder("java", epmd);
        if (Distribution.ofRun() == Distribution.TLS) {
            TlsKit tls = TlsKit.create(tlsFiles);
            erlBuilder.tlsDistribution(tls.optFile());
            javaBuilder.transport(JavaTls.transport(tls));
        }
        erlNode = erlOptions(erlBuilder).start();
        attach(erlNode, JavaNodes.start(javaOptions(javaBuilder)));
    }

    @AfterAll
    final void stopNodes() {
        if (java != null) {
            java.close();
        }
        if (erlNode != null) {
            erlNode.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    /** {@return the class's erl node's builder with the class's options: as it is, unless a subclass says more} */
    protected ErlNode.Builder erlOptions(ErlNode.Builder builder) {
        return builder;
    }

    /** {@return the class's Java node's builder with the class's options: as it is, unless a subclass says more} */
    protected DistributedNode.Builder javaOptions(DistributedNode.Builder builder) {
        return builder;
    }

    /** {@return the class's epmd, for more nodes of a test's own} */
    protected Epmd epmd() {
        return epmd;
    }
}
