package dev.beamlink.bench.chaos;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.node.ProcessBody;
import java.time.Duration;
import java.util.Optional;

/**
 * The Java processes that erl holders ({@code chaos.erl}) link to and monitor: the registered {@code chaos_spawner}
 * answers {@code {spawn_target, From, Ref}} with {@code {Ref, Pid}} of a new target, and a target ends as the
 * {@code {go, Reason, Delay}} it gets says (as {@code chaos:target/0} does on the erl side).
 */
final class JavaTargets {

    static final Atom SPAWNER = Atom.of("chaos_spawner");
    private static final Atom SPAWN_TARGET = Atom.of("spawn_target");
    private static final Atom GO = Atom.of("go");
    private static final Atom INFINITY = Atom.of("infinity");
    private static final Atom STOP = Atom.of("stop");

    private JavaTargets() {
    }

    /** {@return the spawner's pid} It runs until it gets {@code stop}. */
    static Pid startSpawner(Node node) {
        return node.spawn(self -> {
            self.register(SPAWNER);
            while (true) {
                Object message = self.receive();
                if (message instanceof Tuple t && t.isTagged(SPAWN_TARGET, 3) && t.get(1) instanceof Pid from) {
                    Pid target = self.node().spawn(target());
                    self.send(from, Tuple.of(t.get(2), target));
                } else if (STOP.equals(message)) {
                    return;
                }
            }
        });
    }

    /** {@return the go message that ends a target with {@code reason} after {@code delayMillis} (-1: never itself)} */
    static Tuple go(Term reason, int delayMillis) {
        return Tuple.of(GO, reason, delayMillis < 0 ? INFINITY : Int.of(delayMillis));
    }

    private static ProcessBody target() {
        return self -> {
            Optional<Object> go = self.receiveIf(m -> m instanceof Tuple t && t.isTagged(GO, 3), Duration.ofSeconds(30));
            if (go.isEmpty()) {
                throw self.exit(Atom.of("no_go"));
            }
            Tuple t = (Tuple) go.get();
            if (t.get(2) instanceof Int delay) {
                idle(self, Duration.ofMillis(delay.value()));
                throw self.exit(t.get(1));
            }
            idle(self, Duration.ofSeconds(30));
            throw self.exit(Atom.of("no_end"));
        };
    }

    /** Waits, taking no message, so that exit signals still end the process. */
    private static void idle(Mailbox self, Duration time) {
        self.receiveIf(m -> false, time);
    }
}
