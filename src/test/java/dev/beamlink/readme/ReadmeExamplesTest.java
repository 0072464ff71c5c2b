package dev.beamlink.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's examples, as they are printed there: if this stops compiling or passing, fix the README too. */
class ReadmeExamplesTest {

    @Test
    void processesLinksAndMonitors() {
        List<String> seen = new ArrayList<>();
        // --- README: Processes, links and monitors ---
        try (Node node = Node.create("java@localhost");
             Mailbox supervisor = node.mailbox()) {
            supervisor.trapExit(true);                            // {'EXIT', ...} arrive as messages
            Pid worker = supervisor.spawnLink(self -> {
                self.receive();                                   // wait for work...
                throw new IllegalStateException("boom");          // ...and crash
            });
            Ref ref = supervisor.monitor(worker);
            supervisor.send(worker, Atom.of("go"));
            for (int i = 0; i < 2; i++) {
                switch (supervisor.receive()) {
                    case Exit(Pid from, var reason) -> seen.add("EXIT from worker: " + from.equals(worker));
                    case Down(Ref r, var object, var reason) -> seen.add("DOWN for our monitor: " + r.equals(ref));
                    default -> { }
                }
            }
        }
        // --- end ---
        assertEquals(List.of("DOWN for our monitor: true", "EXIT from worker: true"), seen.stream().sorted().toList());
    }
}
