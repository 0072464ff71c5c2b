package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Malformed and out-of-place global messages from erl to the Java node's {@code global_name_server} are dropped
 * (and logged): the connection stays, and global keeps working both ways.
 */
@Tag("interop")
@PlainTcp
class GlobalHostileInputTest {

    private static final List<String> GARBAGE = List.of(
            "GNS ! garbage",
            "GNS ! {lost_connection, not_a_node, 1, 2, 3}",
            "GNS ! {init_connect_ack, 42}",
            "GNS ! {'$gen_cast', [no, tuple]}",
            "gen_server:cast(GNS, {init_connect, not_a_version, Me, {locker, x, [], self()}})",
            "gen_server:cast(GNS, {init_connect, {8, 1}, Me, not_a_locker})",
            "gen_server:cast(GNS, {exchange, Me, not_a_list, [], 1})",
            "gen_server:cast(GNS, {exchange, Me, [], [], 123456789})",
            "gen_server:cast(GNS, {resolved, Me, [{insert, bad}], [], unused, [], 1})",
            "gen_server:cast(GNS, {new_nodes, Me, [{insert, {n, not_a_pid, m}}], [], [], []})",
            "gen_server:cast(GNS, {new_nodes, Me, [], [], [{Me, not_a_version}], []})",
            "gen_server:cast(GNS, {lock_set, not_a_pid, true, [], 1})",
            "gen_server:cast(GNS, {in_sync})",
            "gen_server:cast(GNS, {lock_is_set, Me, 1, x})",
            "catch gen_server:call(GNS, {no_such_call}, 500)",
            "catch gen_server:call(GNS, {set_lock, not_a_lock_id}, 500)",
            "catch gen_server:call(GNS, {register, name, not_a_pid, m}, 500)");

    @Test
    void malformedGlobalMessagesAreDroppedAndGlobalCarriesOn() {
        try (Epmd epmd = Epmd.start();
             ErlNode erl = ErlGlobal.erl(epmd, "hostile");
             DistributedNode java = JavaNodes.start(JavaNodes.builder("target", epmd));
             Mailbox holder = java.node().mailbox()) {
            assertTrue(java.ping(erl.nodeName()));
            assertEquals("ok", ErlGlobal.sync(erl));
            erl.eval("GNS = {global_name_server, '" + java.name().text() + "'}, Me = node().");
            for (String message : GARBAGE) {
                erl.eval(message + ".");
            }
            Pid erlHolder = ErlGlobal.holder(erl, "Holder");
            assertEquals("yes", erl.evalText("global:register_name(after_garbage, Holder)."));
            assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("after_garbage"))
                    .equals(Optional.of(erlHolder))), "the Java node still takes names from erl");
            assertTrue(java.global().register(Atom.of("java_after_garbage"), holder.self()));
            assertEquals(holder.self(), ErlGlobal.awaitWhereis(erl, "java_after_garbage", ErlGlobal.literal(holder.self())));
            assertEquals("ok", ErlGlobal.sync(erl));
            assertTrue(java.node().nodes().contains(Atom.of(erl.nodeName())), "the connection stays");
            String output = erl.recentOutput().toLowerCase(Locale.ROOT);
            assertFalse(output.contains("error report") || output.contains("crash"), output);
        }
    }
}
