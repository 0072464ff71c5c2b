package dev.beamlink.interop.dist;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.WireBase;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One test class's pair of nodes from the test kit, a live erl and a Java node already connected to it, on the class's
 * epmd (of the run's OTP release and distribution), with the checks of {@link WireBase}; and {@link #nodes()} for more
 * nodes of the class's. Both nodes live as long as the class; each test makes its own processes on both sides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ErlangExtension.class)
abstract class WireFixture extends WireBase {

    private Nodes nodes;

    @BeforeAll
    final void attachNodes(@Erl(name = "erl") ErlNode erlNode, @Beamlink(name = "java") DistributedNode javaNode,
                           Nodes classNodes) {
        attach(erlNode, javaNode);
        this.nodes = classNodes;
    }

    /** {@return more nodes of the class's, stopped after it (or by the test)} */
    Nodes nodes() {
        return nodes;
    }
}
