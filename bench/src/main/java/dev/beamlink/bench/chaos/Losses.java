package dev.beamlink.bench.chaos;

import dev.beamlink.etf.Atom;
import dev.beamlink.node.NodeListener;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** How many times the Java node lost its connection to each node (a {@link NodeListener}). */
final class Losses implements NodeListener {

    private final ConcurrentHashMap<Atom, AtomicLong> byNode = new ConcurrentHashMap<>();

    @Override
    public void nodeDown(Atom node, boolean hidden, String reason) {
        byNode.computeIfAbsent(node, n -> new AtomicLong()).incrementAndGet();
    }

    long of(Atom node) {
        AtomicLong count = byNode.get(node);
        return count == null ? 0 : count.get();
    }
}
