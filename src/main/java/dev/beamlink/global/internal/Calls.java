package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.GenCall;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gen_server:call/3} and {@code gen_server:multi_call/3} from a Java process to registered servers of this
 * and other nodes: each call is {@code {'$gen_call', {Self, Tag}, Request}} under a monitor of {@code {Name, Node}},
 * answered by {@code {Tag, Reply}} or given up when the monitor fires (the server is not there, or its node cannot
 * be reached). Like global's own calls they wait as long as that takes.
 */
final class Calls {

    private Calls() {
    }

    /** {@return the replies of {@code name} on each of {@code nodes}}, leaving out the nodes that did not answer */
    static Map<Atom, Term> multiCall(Mailbox self, List<Atom> nodes, Atom name, Term request) {
        record Pending(Atom node, Ref monitor) {
        }
        Map<Ref, Pending> byTag = new HashMap<>();
        Map<Ref, Ref> tagOfMonitor = new HashMap<>();
        for (Atom node : nodes) {
            Ref monitor = self.monitor(name, node);
            Ref tag = self.node().makeRef();
            byTag.put(tag, new Pending(node, monitor));
            tagOfMonitor.put(monitor, tag);
            self.send(name, node, new GenCall(self.self(), tag, request).toMessage());
        }
        Map<Atom, Term> replies = new LinkedHashMap<>();
        while (!byTag.isEmpty()) {
            Object message = self.receiveIf(m -> (m instanceof Tuple t && t.size() == 2 && byTag.containsKey(t.get(0)))
                    || (m instanceof Down down && tagOfMonitor.containsKey(down.ref())));
            if (message instanceof Down down) {
                byTag.remove(tagOfMonitor.remove(down.ref()));
            } else {
                Tuple reply = (Tuple) message;
                Pending pending = byTag.remove(reply.get(0));
                tagOfMonitor.remove(pending.monitor());
                self.demonitor(pending.monitor(), true);
                replies.put(pending.node(), reply.get(1));
            }
        }
        return replies;
    }

    /** {@return the reply of {@code name} on {@code node}, empty if it is not there or cannot be reached} */
    static Optional<Term> call(Mailbox self, Atom node, Atom name, Term request) {
        return Optional.ofNullable(multiCall(self, List.of(node), name, request).get(node));
    }
}
