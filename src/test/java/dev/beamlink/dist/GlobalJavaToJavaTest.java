package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.FreePorts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Three Java nodes and no Erlang: both sides of global's protocol are beamlink's. A node that joins one node of a
 * cluster is connected to the others, a clash between partitions is resolved as global's default method resolves it,
 * and a node that closes takes its names with it.
 */
class GlobalJavaToJavaTest {

    @Test
    void threeJavaNodesShareTheirGlobalNames() {
        int epmdPort = FreePorts.pick();
        try (DistributedNode alpha = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("alpha"), epmdPort)
                     .startEpmdIfNoneAnswers(true));
             DistributedNode beta = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("beta"), epmdPort));
             Mailbox alphaHolder = alpha.node().mailbox();
             Mailbox betaHolder = beta.node().mailbox()) {
            Atom clash = Atom.of("clash");
            try (DistributedNode gamma = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("gamma"), epmdPort));
                 Mailbox gammaHolder = gamma.node().mailbox();
                 Mailbox gammaService = gamma.node().mailbox()) {
                assertTrue(alpha.global().register(Atom.of("alpha_name"), alphaHolder.self()));
                assertTrue(beta.global().register(clash, betaHolder.self()));
                assertTrue(gamma.global().register(clash, gammaHolder.self()), "apart, gamma takes the name too");

                assertTrue(beta.ping(alpha.name()));
                assertTrue(alpha.global().sync(Await.PATIENCE));
                assertTrue(beta.global().sync(Await.PATIENCE));
                assertEquals(Optional.of(betaHolder.self()), alpha.global().whereis(clash));
                assertEquals(Optional.of(alphaHolder.self()), beta.global().whereis(Atom.of("alpha_name")));

                assertTrue(gamma.ping(alpha.name()));
                assertTrue(Await.eventually(() -> gamma.node().nodes().contains(beta.name())), "connected to all");
                for (DistributedNode node : List.of(alpha, beta, gamma)) {
                    assertTrue(node.global().sync(Await.PATIENCE));
                    assertTrue(Await.eventually(() -> node.global().whereis(clash).equals(Optional.of(betaHolder.self()))),
                            "beta's process keeps the name: beta's name is smaller than gamma's");
                    assertTrue(Await.eventually(() -> node.global().whereis(Atom.of("alpha_name"))
                            .equals(Optional.of(alphaHolder.self()))));
                }
                assertTrue(Await.eventually(() -> !gammaHolder.isAlive()), "gamma's process was killed");
                assertTrue(gamma.global().register(Atom.of("gamma_name"), gammaService.self()));
                assertTrue(Await.eventually(() -> alpha.global().whereis(Atom.of("gamma_name")).isPresent()));
            }
            assertTrue(Await.eventually(() -> alpha.global().whereis(Atom.of("gamma_name")).isEmpty()
                    && beta.global().whereis(Atom.of("gamma_name")).isEmpty()), "a closed node's names are gone");
            assertTrue(alpha.global().sync(Await.PATIENCE));
            // Gamma's names may go before alpha reads the end of gamma's connection: the node list follows.
            assertTrue(Await.eventually(() -> alpha.node().nodes().equals(List.of(beta.name()))), () -> "nodes: " + alpha.node().nodes());
        }
    }
}
