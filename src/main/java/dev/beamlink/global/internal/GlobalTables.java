package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;

/**
 * global's tables on this node, which its processes share: the name replica, the locks, and the partition.
 * Only {@code global_name_server} changes them.
 */
record GlobalTables(NameTable names, LockTable locks, Partition partition) {

    /** {@return empty tables for the node named {@code node}} */
    static GlobalTables of(Atom node) {
        return new GlobalTables(new NameTable(), new LockTable(), new Partition(node));
    }
}
