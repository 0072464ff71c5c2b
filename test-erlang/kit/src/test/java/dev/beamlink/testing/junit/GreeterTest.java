package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The README's example of the test kit: the class as it stands there, tagged as the project's live tests are. */
@Tag("interop")
class GreeterTest {

    @Erl(load = "erlang/greeter.erl") static ErlNode erl;   // a live erl node for the class, greeter.erl loaded
    @Beamlink static DistributedNode java;                  // a beamlink node already connected to it

    @Test
    void erlGreetsAJavaProcess() {
        erl.eval("greeter:start().");
        try (Mailbox me = java.node().mailbox()) {
            me.send(Atom.of("greeter"), Atom.of(erl.nodeName()), Tuple.of(me.self(), Binary.ofUtf8("Joe")));
            assertEquals(Tuple.of(Atom.of("hello"), Binary.ofUtf8("Joe")), me.receive(Duration.ofSeconds(5)).orElseThrow());
        }
    }
}
