package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.ConnectedNode;
import dev.beamlink.node.spi.Delivery;
import dev.beamlink.node.spi.Distribution;
import dev.beamlink.node.spi.Signal;
import dev.beamlink.testing.Await;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport standing in for the distribution layer: one circuit at a time for each reachable node, which records
 * what the node hands it; none for the others. {@link #lose} makes a node's circuit lost, and a new one takes its
 * place.
 */
final class FakeTransport implements Distribution {

    /** A signal the node handed over, with the node it was for. */
    record Sent(Atom node, Signal signal) {
    }

    /** One circuit to a node: it records what goes over it until it is lost, and drops what comes later. */
    final class FakeCircuit implements Circuit {
        private final Atom node;
        private volatile boolean lost;

        FakeCircuit(Atom node) {
            this.node = node;
        }

        @Override
        public Atom node() {
            return node;
        }

        @Override
        public Delivery deliver(Signal signal) {
            if (!lost) {
                sent.add(new Sent(node, signal));
            }
            return Delivery.QUEUED;
        }

        @Override
        public boolean isLost() {
            return lost;
        }
    }

    private final Map<Atom, FakeCircuit> circuits = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    FakeTransport reachable(Atom... nodes) {
        for (Atom node : nodes) {
            circuits.putIfAbsent(node, new FakeCircuit(node));
        }
        return this;
    }

    void unreachable(Atom node) {
        circuits.remove(node);
    }

    /** {@return the node's circuit, now lost; a new one takes its place} Pass it to the attachment's connectionLost. */
    Circuit lose(Atom node) {
        FakeCircuit old = circuits.get(node);
        old.lost = true;
        circuits.put(node, new FakeCircuit(node));
        return old;
    }

    @Override
    public Circuit circuit(Atom node) {
        return circuits.get(node);
    }

    @Override
    public boolean connect(Atom node) {
        return circuits.containsKey(node);
    }

    @Override
    public List<ConnectedNode> connectedNodes() {
        return circuits.keySet().stream().map(node -> new ConnectedNode(node, false)).toList();
    }

    @Override
    public boolean disconnect(Atom node) {
        return circuits.remove(node) != null;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** {@return the signals sent so far of {@code type}} */
    <S extends Signal> List<S> sent(Class<S> type) {
        return sent.stream().map(Sent::signal).filter(type::isInstance).map(type::cast).toList();
    }

    /** {@return the signals of {@code type} sent, once there are at least {@code count} (bounded by {@link Await#PATIENCE})} */
    <S extends Signal> List<S> awaitSent(Class<S> type, int count) {
        Await.eventually(() -> sent(type).size() >= count);
        return sent(type);
    }

    /** {@return a pid of a process on another node} */
    static Pid remotePid(Atom node, int id) {
        return new Pid(node, id, 0, 7);
    }
}
