package dev.beamlink.epmd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded server's table of live registrations, one per name, and the creations it hands out.
 *
 * <p>Creations: one counter for the server, started at a random value and advanced by every registration,
 * so that each registration gets a fresh one. Nodes of version 6 get the counter itself (never 0 to 3, as
 * {@code epmd} does); older nodes get 1 to 3, which is all the 16-bit {@code ALIVE2_RESP} ever carried.
 */
final class NodeRegistry {

    /**
     * A live registration.
     *
     * @param name       the node name, decoded
     * @param request    the {@code ALIVE2_REQ} as received, which {@code PORT2_RESP} repeats
     * @param creation   the creation sent back
     * @param connection the number of the registering connection
     */
    record Registered(String name, EpmdRequest.Alive2 request, int creation, long connection) {
    }

    private static final int SMALLEST_X_CREATION = 4;

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Registered> byName = new LinkedHashMap<>();
    private int creationCounter = ThreadLocalRandom.current().nextInt();

    /** {@return the new registration, or empty if a live node holds the name} */
    Optional<Registered> register(String name, EpmdRequest.Alive2 request, long connection) {
        lock.lock();
        try {
            if (byName.containsKey(name)) {
                return Optional.empty();
            }
            Registered registered = new Registered(name, request, nextCreation(request.highestVersion()), connection);
            byName.put(name, registered);
            return Optional.of(registered);
        } finally {
            lock.unlock();
        }
    }

    /** Removes the registration if it is still the live one for its name. */
    void unregister(Registered registered) {
        lock.lock();
        try {
            byName.remove(registered.name(), registered);
        } finally {
            lock.unlock();
        }
    }

    Optional<Registered> lookup(String name) {
        lock.lock();
        try {
            return Optional.ofNullable(byName.get(name));
        } finally {
            lock.unlock();
        }
    }

    /** {@return the live registrations, newest first, as {@code epmd} lists them} */
    List<Registered> newestFirst() {
        lock.lock();
        try {
            return List.copyOf(new ArrayList<>(byName.sequencedValues().reversed()));
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return byName.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private int nextCreation(int highestVersion) {
        creationCounter++;
        if (Integer.compareUnsigned(creationCounter, SMALLEST_X_CREATION) < 0) {
            creationCounter = SMALLEST_X_CREATION;
        }
        if (highestVersion >= EpmdProtocol.FIRST_VERSION_WITH_X_RESP) {
            return creationCounter;
        }
        return Integer.remainderUnsigned(creationCounter, 3) + 1;
    }
}
