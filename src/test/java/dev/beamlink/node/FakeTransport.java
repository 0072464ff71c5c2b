package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.spi.ConnectedNode;
import dev.beamlink.node.spi.Delivery;
import dev.beamlink.node.spi.Distribution;
import dev.beamlink.node.spi.Signal;
import dev.beamlink.testing.Await;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport standing in for the distribution layer: it records what the node hands it for each
 * reachable node, and answers "unreachable" for the others.
 */
final class FakeTransport implements Distribution {

    /** A signal the node handed over, with the node it was for. */
    record Sent(Atom node, Signal signal) {
    }

    private final Set<Atom> reachable = ConcurrentHashMap.newKeySet();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    FakeTransport reachable(Atom... nodes) {
        reachable.addAll(List.of(nodes));
        return this;
    }

    void unreachable(Atom node) {
        reachable.remove(node);
    }

    @Override
    public Delivery deliver(Atom node, Signal signal) {
        if (!reachable.contains(node)) {
            return Delivery.UNREACHABLE;
        }
        sent.add(new Sent(node, signal));
        return Delivery.QUEUED;
    }

    @Override
    public boolean connect(Atom node) {
        return reachable.contains(node);
    }

    @Override
    public List<ConnectedNode> connectedNodes() {
        return reachable.stream().map(node -> new ConnectedNode(node, false)).toList();
    }

    @Override
    public boolean disconnect(Atom node) {
        return reachable.remove(node);
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
