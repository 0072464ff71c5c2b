package dev.beamlink.epmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the client's host and port come from: arguments, else ERL_EPMD_PORT, else 4369. */
class EpmdPortsTest {

    @Test
    void portFromArgumentThenEnvironmentThenDefault() {
        Map<String, String> env = Map.of("ERL_EPMD_PORT", "4400");
        assertEquals(4500, EpmdClient.builder().environment(env::get).port(4500).build().port());
        assertEquals(4400, EpmdClient.builder().environment(env::get).build().port());
        assertEquals(4369, EpmdClient.builder().environment(name -> null).build().port());
        assertEquals(4369, EpmdClient.builder().environment(name -> " ").build().port());
    }

    @Test
    void aBadEnvironmentPortIsAClearError() {
        for (String bad : new String[] {"abc", "0", "65536", "-1", "123456"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EpmdClient.builder().environment(name -> bad).build());
            assertEquals("ERL_EPMD_PORT: '" + bad + "' (expected: a port number 1..65535)", e.getMessage());
        }
    }

    @Test
    void hostAndTimeouts() {
        EpmdClient client = EpmdClient.builder().port(1234).connectTimeout(Duration.ofMillis(300)).readTimeout(Duration.ofSeconds(2)).build();
        assertEquals("127.0.0.1", client.host());
        assertEquals(Duration.ofMillis(300), client.connectTimeout());
        assertEquals(Duration.ofSeconds(2), client.readTimeout());
        EpmdClient other = client.withHost("example.invalid");
        assertEquals("example.invalid", other.host());
        assertEquals(1234, other.port());
        assertEquals(Duration.ofMillis(300), other.connectTimeout());
        assertThrows(IllegalArgumentException.class, () -> EpmdClient.builder().port(0));
        assertThrows(IllegalArgumentException.class, () -> EpmdClient.builder().readTimeout(Duration.ZERO));
    }

    @Test
    void namesAndEntriesAreCheckedBeforeAnythingIsSent() {
        EpmdClient client = EpmdClient.builder().port(1).build();
        assertEquals("node name 'a@host' contains '@': EPMD holds the part before '@' only",
                assertThrows(IllegalArgumentException.class, () -> client.lookup("a@host")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.lookup(""));
        assertThrows(IllegalArgumentException.class, () -> client.lookup("a\0b"));
        assertEquals("node name length: 256 characters (expected: <= 255): '" + "é".repeat(256) + "'",
                assertThrows(IllegalArgumentException.class, () -> client.lookup("é".repeat(256))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeEntry.of("a", 70000));
        assertEquals("extra length: 1021 (expected: <= 1020)",
                assertThrows(IllegalArgumentException.class, () -> NodeEntry.of("a", 1).withExtra(new byte[1021])).getMessage());
    }

    @Test
    void nodeEntryIsAValue() {
        byte[] extra = {1, 2};
        NodeEntry entry = NodeEntry.of("a", 1).withExtra(extra);
        extra[0] = 9;
        assertEquals(NodeEntry.of("a", 1).withExtra(new byte[] {1, 2}), entry);
        assertEquals(NodeEntry.of("a", 1).withExtra(new byte[] {1, 2}).hashCode(), entry.hashCode());
        entry.extra()[1] = 9;
        assertEquals(2, entry.extra()[1]);
        assertEquals("NodeEntry[name=a, port=1, nodeType=NORMAL, protocol=0, versions=6..6, extra=0102]", entry.toString());
    }
}
