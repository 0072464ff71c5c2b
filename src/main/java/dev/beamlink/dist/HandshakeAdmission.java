package dev.beamlink.dist;

import dev.beamlink.dist.transport.DistChannel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which inbound handshakes run: at most a number from one source address and a number in all. A new connection past
 * either bound evicts the oldest handshake from its address, or the oldest of all: connections that never finish their
 * handshake cost a bounded number of threads and sockets, and cannot keep a peer out, whose connection always gets in
 * (each handshake keeps its own deadline besides). An IPv6 address counts by its /64 prefix, which one host usually
 * holds whole.
 */
final class HandshakeAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeAdmission.class);

    /** One admitted handshake; {@link #close()} when it ends, however it ends. */
    final class Ticket implements AutoCloseable {
        private final DistChannel channel;
        private final Object source;

        private Ticket(DistChannel channel, Object source) {
            this.channel = channel;
            this.source = source;
        }

        /** The handshake ended: its place is free. Idempotent (an evicted ticket left already). */
        @Override
        public void close() {
            synchronized (HandshakeAdmission.this) {
                forget(this);
            }
        }
    }

    private final int perSource;
    private final int total;
    /** Every running handshake, oldest first. */
    private final LinkedHashSet<Ticket> running = new LinkedHashSet<>();
    /** The running handshakes of each source, oldest first. */
    private final Map<Object, LinkedHashSet<Ticket>> bySource = new HashMap<>();

    /**
     * @param perSource how many handshakes may run at once from one source address
     * @param total     how many may run at once in all
     */
    HandshakeAdmission(int perSource, int total) {
        if (perSource < 1 || total < perSource) {
            throw new IllegalArgumentException("handshakes: " + perSource + " per address, " + total
                    + " in all (expected: 1 <= per address <= in all)");
        }
        this.perSource = perSource;
        this.total = total;
    }

    /**
     * Admits a handshake on {@code channel}, evicting (closing the channel of) the oldest one from its source address
     * when that source has {@code perSource} running, and the oldest of all when {@code total} run. {@return its ticket}
     */
    Ticket admit(DistChannel channel) {
        SocketAddress remote = channel.remoteAddress();
        Ticket ticket = new Ticket(channel, source(remote));
        List<Ticket> evicted = new ArrayList<>(2);
        synchronized (this) {
            LinkedHashSet<Ticket> fromSource = bySource.computeIfAbsent(ticket.source, s -> new LinkedHashSet<>());
            if (fromSource.size() >= perSource) {
                evicted.add(evict(fromSource.iterator()));
            }
            if (running.size() >= total) {
                evicted.add(evict(running.iterator()));
            }
            fromSource.add(ticket);
            running.add(ticket);
        }
        for (Ticket old : evicted) {
            LOG.warn("inbound handshake from {} evicted for one from {}: {} handshakes run from its address, {} in all "
                    + "(the most: {} and {})", old.channel.remoteAddress(), remote, perSource(old.source), running(),
                    perSource, total);
            old.channel.close();
        }
        return ticket;
    }

    /** {@return how many handshakes run} */
    synchronized int running() {
        return running.size();
    }

    private synchronized int perSource(Object source) {
        LinkedHashSet<Ticket> fromSource = bySource.get(source);
        return fromSource == null ? 0 : fromSource.size();
    }

    private Ticket evict(Iterator<Ticket> oldestFirst) {
        Ticket oldest = oldestFirst.next();
        forget(oldest);
        return oldest;
    }

    private void forget(Ticket ticket) {
        running.remove(ticket);
        LinkedHashSet<Ticket> fromSource = bySource.get(ticket.source);
        if (fromSource != null && fromSource.remove(ticket) && fromSource.isEmpty()) {
            bySource.remove(ticket.source);
        }
    }

    /** {@return what a peer's address counts under: the address, an IPv6 one by its /64 prefix} */
    private static Object source(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return String.valueOf(remote);
        }
        InetAddress address = inet.getAddress();
        if (address instanceof Inet6Address) {
            return new Prefix64(Arrays.copyOf(address.getAddress(), 8));
        }
        return address;
    }

    /** The first 64 bits of an IPv6 address. */
    private record Prefix64(byte[] bits) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Prefix64(byte[] them) && Arrays.equals(bits, them);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }

        @Override
        public String toString() {
            return "IPv6 /64 " + Arrays.toString(bits);
        }
    }
}
