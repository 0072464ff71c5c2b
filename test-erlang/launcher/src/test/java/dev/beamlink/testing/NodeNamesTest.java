package dev.beamlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** {@link NodeNames}: the given name, this JVM's pid, and a number no other name of this JVM has. */
class NodeNamesTest {

    @Test
    void theSameGivenNameTwiceGivesTwoNamesOfThisJvm() {
        String first = NodeNames.unique("orders");
        String second = NodeNames.unique("orders");
        assertTrue(first.matches("orders_" + ProcessHandle.current().pid() + "_[0-9]+"), first);
        assertNotEquals(first, second);
    }

    @Test
    void namesMadeAtTheSameTimeOnManyThreadsAreAllDifferent() throws Exception {
        Set<String> names = ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    names.add(NodeNames.unique("n"));
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(8000, names.size());
    }
}
