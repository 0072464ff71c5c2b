package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connections that never say a word (issue 14, measured): an OTP 25 node with 300 of them open on its listen port
 * still answers a new peer's {@code net_adm:ping} with {@code pong}; so must the Java node, with its default settings,
 * while every silent connection is still open (they come from the same address as the new peer: loopback).
 */
@Tag("interop")
@PlainTcp
class SilentConnectionsInteropTest {

    @ParameterizedTest(name = "{0} silent connections")
    @ValueSource(ints = {64, 300})
    void silentConnectionsDoNotKeepANewPeerOut(int silent) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try (Epmd epmd = Epmd.start();
             DistributedNode java = JavaNodes.start(JavaNodes.builder("silent", epmd))) {
            for (int i = 0; i < silent; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.connect(new InetSocketAddress("127.0.0.1", java.listenAddress().getPort()), 5000);
            }
            try (ErlNode erl = ErlNode.builder().name("newcomer").cookie(JavaNodes.COOKIE).epmd(epmd).start()) {
                assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."),
                        "a new peer pings the node while " + silent + " silent connections are open");
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
