package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;

/**
 * What the parts of {@code global_name_server} share: its mailbox, its tables, its locker, and the cluster. Used
 * from the server's process only.
 */
final class ServerContext {

    final Mailbox self;
    final Atom node;
    final NameTable names;
    final LockTable locks;
    final Partition partition;
    final Pid locker;
    final Cluster cluster;
    private long uniqueIntegers;

    ServerContext(Mailbox self, GlobalTables tables, Pid locker, Cluster cluster) {
        this.self = self;
        this.node = self.node().name();
        this.names = tables.names();
        this.locks = tables.locks();
        this.partition = tables.partition();
        this.locker = locker;
        this.cluster = cluster;
    }

    /** {@return a new integer, greater than every one before} ({@code erlang:unique_integer([monotonic])}) */
    Term uniqueInteger() {
        return Int.of(++uniqueIntegers);
    }

    /** Sends to {@code {global_name_server, Node}}, connecting if need be (as {@code gen_server:cast/2}). */
    void send(Atom to, Tuple message) {
        self.send(GlobalTerms.GLOBAL_NAME_SERVER, to, message);
    }

    /**
     * Sends to {@code {global_name_server, Node}} only over a connection that is up ({@code gns_volatile_send/2}:
     * {@code erlang:send/3} with {@code noconnect}).
     */
    void sendVolatile(Atom to, Tuple message) {
        if (cluster.isConnected(to)) {
            send(to, message);
        }
    }

    /** Tells our locker. */
    void tellLocker(LockerEvent event) {
        self.send(locker, event);
    }
}
