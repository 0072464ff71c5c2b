package dev.beamlink.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node names unique to the run: the name a test gives, then this JVM's pid and a number no other node of this JVM has
 * ({@code orders} becomes {@code orders_8123_4}), so that erl nodes, beamlink nodes and the test classes that run at
 * the same time never register the same name with an epmd. One counter for every kind of node: an erl node and a
 * beamlink node of the same given name still differ.
 */
public final class NodeNames {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private NodeNames() {
    }

    /** {@return {@code name} made unique to the run, without a host: {@code name_pid_n}} */
    public static String unique(String name) {
        return name + "_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
    }
}
