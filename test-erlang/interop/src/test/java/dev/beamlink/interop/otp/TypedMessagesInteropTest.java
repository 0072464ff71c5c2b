package dev.beamlink.interop.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.ErlSide;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.CallResult;
import dev.beamlink.otp.From;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.InitResult;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Typed messages across the wire: Java records sent to erl code that pattern-matches Erlang records, its records
 * received as a sealed Java type, and records as the requests and replies of gen_server calls both ways.
 */
@Tag("interop")
class TypedMessagesInteropTest {

    record Line(String sku, int quantity) {
    }

    record OrderPlaced(long orderId, String customer, List<Line> lines, Pid replyTo) {
    }

    sealed interface Verdict permits OrderAccepted, OrderRejected {
    }

    record OrderAccepted(long orderId, int items) implements Verdict {
    }

    record OrderRejected(long orderId, String reason) implements Verdict {
    }

    record Echo(Line line) {
    }

    @Erl(name = "typed")
    private static ErlNode erl;
    @Beamlink(name = "typed_java", connect = false)
    private static DistributedNode java;
    private static Atom erlNode;

    @BeforeAll
    static void start() {
        erlNode = Atom.of(erl.nodeName());
        erl.eval("order_desk:start(order_desk), gen_helper:start(erl_echo).");
    }

    @Test
    void aRecordSentToErlIsMatchedThereAndItsAnswerReadAsASealedType() {
        try (Mailbox me = java.node().mailbox()) {
            me.send(Atom.of("order_desk"), erlNode, new OrderPlaced(7, "Ada", List.of(new Line("a", 2), new Line("b", 3)), me.self()));
            me.send(Atom.of("order_desk"), erlNode, new OrderPlaced(8, "Bob", List.of(), me.self()));
            List<String> seen = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                seen.add(switch (me.receive(Verdict.class)) {
                    case OrderAccepted accepted -> "accepted " + accepted.orderId() + " with " + accepted.items();
                    case OrderRejected rejected -> "rejected " + rejected.orderId() + ": " + rejected.reason();
                });
            }
            assertEquals(List.of("accepted 7 with 5", "rejected 8: no lines"), seen);
        }
    }

    @Test
    void aTypedReceiveLeavesOtherMessagesQueued() {
        try (Mailbox me = java.node().mailbox()) {
            erl.eval(ErlSide.literal(me.self()) + " ! not_an_order, "
                    + ErlSide.literal(me.self()) + " ! {order_accepted, 1, 1}.");
            assertEquals(new OrderAccepted(1, 1), me.receive(Verdict.class, Duration.ofSeconds(10)).orElseThrow());
            assertEquals(Atom.of("not_an_order"), me.receive(Duration.ZERO).orElseThrow());
        }
    }

    @Test
    void recordsAsTheRequestAndReplyOfACallToErl() {
        try (Mailbox me = java.node().mailbox()) {
            Line reply = GenServer.call(me, ServerRef.remote(Atom.of("erl_echo"), erlNode), new Echo(new Line("x", 4)), Line.class);
            assertEquals(new Line("x", 4), reply);
        }
    }

    @Test
    void erlCallsAJavaServerWithARecordAndGetsOneBack() {
        GenServer<Integer> doubler = new GenServer<>() {
            private Mailbox self;

            @Override
            public InitResult<Integer> init(Mailbox mailbox) {
                self = mailbox;
                return InitResult.ok(0);
            }

            @Override
            public CallResult<Integer> handleCall(Object request, From from, Integer calls) {
                Line line = self.as(request, Line.class).orElseThrow();
                return CallResult.reply(new Line(line.sku(), line.quantity() * 2), calls + 1);
            }
        };
        GenServer.start(java.node(), doubler, StartOptions.DEFAULTS.local(Atom.of("doubler"))).pid();
        Term reply = Etf.decode(erl.eval("gen_server:call({doubler, '" + java.name().text() + "'}, {line, <<\"y\">>, 5}).").etf());
        assertEquals(Etf.decode(erl.eval("{line, <<\"y\">>, 10}.").etf()), reply);
    }

    @Test
    void aValueThatMapsToNoTermCannotLeaveTheNode() {
        try (Mailbox me = java.node().mailbox()) {
            assertThrows(IllegalArgumentException.class, () -> me.send(Atom.of("order_desk"), erlNode, new Object()));
        }
    }
}
