package dev.beamlink.bench.dist;

import dev.beamlink.dist.transport.TcpTransport;
import dev.beamlink.dist.transport.tls.JavaTls;
import dev.beamlink.testing.tls.TlsKit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The main class of a peer JVM of the dist bench: a beamlink or jinterface node that takes one command a line on
 * standard input and answers each with one line on standard output ({@code @@ OK ...} or {@code @@ ERR ...}). It
 * exits when its standard input closes.
 *
 * <pre>
 * args:     beamlink|beamlink-tls|jinterface NAME COOKIE EPMD_PORT [TLS_DIR]   first line out: "@@ READY node@host"
 *           (beamlink-tls: distribution over TLS with the certificates a TlsKit made in TLS_DIR)
 * commands: sink NAME N | await NAME | blast NAME NODE N small|mib | echo NAME | ping NAME NODE N
 *           | erpc NODE N CALLERS | fansinks PREFIX COUNT N | awaitfan PREFIX | fanblast PREFIX NODE COUNT N
 *           | drain NAME | flood NAME NODE | floodstop | memory
 * </pre>
 */
public final class PeerMain {

    static final String REPLY = "@@ ";

    private PeerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String name = args[1];
        String cookie = args[2];
        int epmdPort = Integer.parseInt(args[3]);
        try (Peer peer = switch (args[0]) {
            case "beamlink" -> BeamlinkPeer.start(name, cookie, epmdPort, new TcpTransport());
            case "beamlink-tls" -> BeamlinkPeer.start(name, cookie, epmdPort, JavaTls.transport(TlsKit.existing(Path.of(args[4]))));
            case "jinterface" -> JinterfacePeer.start(name, cookie, epmdPort);
            default -> throw new IllegalArgumentException("peer kind: " + args[0]
                    + " (expected: beamlink, beamlink-tls or jinterface)");
        }) {
            out.println(REPLY + "READY " + peer.nodeName());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    out.println(REPLY + "OK " + run(peer, line.trim().split(" ")));
                } catch (Exception | Error e) {
                    e.printStackTrace();
                    out.println(REPLY + "ERR " + e);
                }
            }
        }
        System.exit(0);
    }

    private static String run(Peer peer, String[] command) {
        return switch (command[0]) {
            case "sink" -> {
                peer.startSink(command[1], Integer.parseInt(command[2]));
                yield "";
            }
            case "await" -> Long.toString(peer.awaitSink(command[1]));
            case "blast" -> Long.toString(peer.blast(command[1], command[2], Integer.parseInt(command[3]),
                    Peer.Kind.valueOf(command[4].equals("small") ? "SMALL" : "MIB")));
            case "reconnect" -> {
                peer.reconnect(command[1]);
                yield "";
            }
            case "echo" -> {
                peer.startEcho(command[1]);
                yield "";
            }
            case "ping" -> {
                long[] p = peer.ping(command[1], command[2], Integer.parseInt(command[3]));
                yield p[0] + " " + p[1];
            }
            case "erpc" -> Long.toString(peer.erpcCalls(command[1], Integer.parseInt(command[2]), Integer.parseInt(command[3])));
            case "fansinks" -> {
                peer.startFanSinks(command[1], Integer.parseInt(command[2]), Integer.parseInt(command[3]));
                yield "";
            }
            case "awaitfan" -> Long.toString(peer.awaitFan(command[1]));
            case "fanblast" -> Long.toString(peer.fanBlast(command[1], command[2], Integer.parseInt(command[3]),
                    Integer.parseInt(command[4])));
            case "drain" -> {
                peer.startDrain(command[1]);
                yield "";
            }
            case "flood" -> {
                peer.floodStart(command[1], command[2]);
                yield "";
            }
            case "floodstop" -> Long.toString(peer.floodStop());
            case "memory" -> Arrays.stream(peer.memory()).mapToObj(Long::toString).collect(Collectors.joining(" "));
            default -> throw new IllegalArgumentException("unknown command: " + String.join(" ", command));
        };
    }
}
