package dev.beamlink.epmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real Erlang nodes use the embedded server as their EPMD: they register there and find each other through it. */
@Tag("interop")
class EmbeddedServerWithErlangTest {

    private static String shortName(ErlNode node) {
        return node.nodeName().substring(0, node.nodeName().indexOf('@'));
    }

    @Test
    void twoErlNodesRegisterAndPingThroughTheEmbeddedServer() throws Exception {
        int aPort = FreePorts.pick();
        int bPort = FreePorts.pick();
        try (EpmdServer server = EpmdServer.builder().port(0).start();
             ErlNode a = ErlNode.builder().name("a").epmdPort(server.port()).distPort(aPort).start();
             ErlNode b = ErlNode.builder().name("b").epmdPort(server.port()).distPort(bPort).start()) {

            assertEquals(List.of(new RegisteredName(shortName(b), bPort), new RegisteredName(shortName(a), aPort)), server.names());

            // b finds a's port only through the embedded server (PORT_PLEASE2_REQ), then connects.
            assertEquals("pong", b.evalText("net_adm:ping('" + a.nodeName() + "')."));
            assertEquals("[" + b.nodeName() + "]", a.evalText("nodes()."));

            // OTP's own epmd tool reads the server's NAMES_RESP.
            String printed = Epmd.names(server.port());
            assertTrue(printed.contains("epmd: up and running on port " + server.port() + " with data:"), printed);
            assertTrue(printed.contains("name " + shortName(a) + " at port " + aPort), printed);
            assertTrue(printed.contains("name " + shortName(b) + " at port " + bPort), printed);

            // Erlang's net_adm:names/0 goes through the server too.
            String names = b.evalText("{ok, Names} = net_adm:names(), lists:sort(Names).");
            assertTrue(names.contains("{\"" + shortName(a) + "\"," + aPort + "}"), names);

            // A node that stops is dropped when its registration connection closes.
            a.close();
            Await.value("the server drops " + shortName(a), Duration.ofSeconds(15),
                    () -> server.names().equals(List.of(new RegisteredName(shortName(b), bPort))) ? true : null);
            assertEquals("pang", b.evalText("net_adm:ping('" + a.nodeName() + "')."));
        }
    }
}
