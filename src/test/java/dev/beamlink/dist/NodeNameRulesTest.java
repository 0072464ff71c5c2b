package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Node names as erl checks them: short names on a host without dots, long ones with a host or an address. (The names
 * against live erl nodes, long and short, hidden or not: NamesInteropTest in the interop suite, test-erlang/interop.)
 */
class NodeNameRulesTest {

    @Test
    void namesAreCheckedAsErlChecksThem() {
        assertEquals("a-b_1@host", NodeNameRules.fullName("a-b_1@host", false));
        assertEquals("n@host.example.com", NodeNameRules.fullName("n@host.example.com", true));
        assertEquals("n@127.0.0.1", NodeNameRules.fullName("n@127.0.0.1", true));
        assertThrowsIllegal(() -> NodeNameRules.fullName("n@host.example.com", false));
        assertThrowsIllegal(() -> NodeNameRules.fullName("bad name@host", false));
        assertThrowsIllegal(() -> NodeNameRules.fullName("@host", false));
        assertThrowsIllegal(() -> NodeNameRules.fullName("n@", false));
        assertThrowsIllegal(() -> NodeNameRules.fullName("n@a@b", true));
        assertThrowsIllegal(() -> NodeNameRules.fullName("n@sp ace", true));
        assertFalse(NodeNameRules.fullName("n", false).contains("."), "a short name made from this host has no dot");
    }

    private static void assertThrowsIllegal(Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException expected) {
            assertFalse(expected.getMessage().isEmpty());
            return;
        }
        throw new AssertionError("accepted");
    }
}
