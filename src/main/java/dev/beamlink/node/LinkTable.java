package dev.beamlink.node;

import dev.beamlink.etf.Pid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A process's local information about its links (erl_dist_protocol, "Link Protocol"): for each linked
 * pid, whether the link is active or waits for the acknowledgement of an unlink with a given id.
 * Small tables are two short arrays (most processes have a link or two); large ones a hash map.
 */
final class LinkTable {

    /** {@link #state} of a pid the table does not hold. */
    static final long ABSENT = -1;
    /** {@link #state} of an active link. A positive state is the id of an unlink not yet acknowledged. */
    static final long ACTIVE = 0;

    private static final int SMALL = 8;

    private Pid[] peers = new Pid[2];
    private long[] states = new long[2];
    private int size;
    private Map<Pid, Long> large;

    /** {@return {@link #ABSENT}, {@link #ACTIVE}, or the id of the outstanding unlink} */
    long state(Pid peer) {
        if (large != null) {
            Long state = large.get(peer);
            return state == null ? ABSENT : state;
        }
        int index = indexOf(peer);
        return index < 0 ? ABSENT : states[index];
    }

    /** Sets the state of {@code peer}'s link, adding it if absent. */
    void put(Pid peer, long state) {
        if (large != null) {
            large.put(peer, state);
            return;
        }
        int index = indexOf(peer);
        if (index >= 0) {
            states[index] = state;
            return;
        }
        if (size == SMALL) {
            large = new HashMap<>();
            for (int i = 0; i < size; i++) {
                large.put(peers[i], states[i]);
            }
            peers = null;
            states = null;
            large.put(peer, state);
            return;
        }
        if (size == peers.length) {
            peers = java.util.Arrays.copyOf(peers, size * 2);
            states = java.util.Arrays.copyOf(states, size * 2);
        }
        peers[size] = peer;
        states[size] = state;
        size++;
    }

    /** Removes {@code peer}'s link information. */
    void remove(Pid peer) {
        if (large != null) {
            large.remove(peer);
            return;
        }
        int index = indexOf(peer);
        if (index >= 0) {
            size--;
            peers[index] = peers[size];
            states[index] = states[size];
            peers[size] = null;
        }
    }

    /** {@return the pids of the active links: the processes this one is linked to} */
    List<Pid> active() {
        List<Pid> out = new ArrayList<>();
        forEach((peer, state) -> {
            if (state == ACTIVE) {
                out.add(peer);
            }
        });
        return out;
    }

    /** Calls {@code action} for every pid the table holds, with its state. */
    void forEach(Entry action) {
        if (large != null) {
            large.forEach((peer, state) -> action.accept(peer, state));
            return;
        }
        for (int i = 0; i < size; i++) {
            action.accept(peers[i], states[i]);
        }
    }

    private int indexOf(Pid peer) {
        for (int i = 0; i < size; i++) {
            if (peers[i].equals(peer)) {
                return i;
            }
        }
        return -1;
    }

    /** A pid and the state of its link. */
    @FunctionalInterface
    interface Entry {
        void accept(Pid peer, long state);
    }
}
