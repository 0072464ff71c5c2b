package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.SpawnResult;
import dev.beamlink.otp.Erpc;
import dev.beamlink.otp.RemoteError;
import dev.beamlink.otp.RemoteExit;
import dev.beamlink.otp.Rpc;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Erpc} and {@link Rpc} over a connection without {@code DFLAG_SPAWN}, which a Java node whose handshake
 * withholds the flag makes with a live erl (as a peer older than OTP 23 would): they fall back to {@code rex}, with the
 * outcomes of {@code erpc:call/5} and {@code rpc:call/5}. (The node's other erpc and rpc cases against erl are in the
 * interop suite, test-erlang/interop: ErpcInteropTest.)
 */
@Tag("interop")
class ErpcWithoutSpawnInteropTest extends WireFixture {

    private static final Atom ERLANG = Atom.of("erlang");
    private static final Atom HELPER = Atom.of("rpc_helper");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    protected DistributedNode.Builder javaOptions(DistributedNode.Builder builder) {
        return builder.withhold(DistFlags.DFLAG_SPAWN);
    }

    @Test
    void aConnectionWithoutSpawnFallsBackToRex() {
        Mailbox self = mailbox();
        self.spawnRequest(erlNode(), ERLANG, Atom.of("node"), List.of());
        assertEquals(Atom.of("notsup"), ((SpawnResult) self.receive(WAIT).orElseThrow()).result(),
                "this connection cannot carry spawn requests");
        assertEquals(Int.of(6), Erpc.call(self, erlNode(), Atom.of("lists"), Atom.of("sum"),
                List.of(ErlList.of(Int.of(1), Int.of(2), Int.of(3))), WAIT));
        assertEquals(Atom.of("undef"), assertThrows(RemoteError.class,
                () -> Erpc.call(self, erlNode(), Atom.of("m"), Atom.of("nope"), List.of(), WAIT)).remoteReason());
        assertEquals(Atom.of("bye"), assertThrows(RemoteExit.class,
                () -> Erpc.call(self, erlNode(), ERLANG, Atom.of("exit"), List.of(Atom.of("bye")), WAIT)).remoteReason());
        assertEquals(Tuple.of(Atom.of("badrpc"), Tuple.of(Atom.of("EXIT"), Atom.of("bye"))),
                Rpc.call(self, erlNode(), ERLANG, Atom.of("exit"), List.of(Atom.of("bye"))));
        assertEquals(Tuple.of(Atom.of("badrpc"), Atom.of("timeout")), Rpc.call(self, erlNode(), HELPER, Atom.of("sleep"),
                List.of(Int.of(500)), Duration.ofMillis(50)));
        assertNothingMore(self);
    }
}
