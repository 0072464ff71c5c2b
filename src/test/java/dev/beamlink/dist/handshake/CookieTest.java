package dev.beamlink.dist.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CookieTest {

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void digestIsOtpsMd5OfCookieThenUnsignedDecimalChallenge() {
        // erlang:md5([atom_to_list(secretcookie) | integer_to_list(3735928559)]) on OTP 25
        byte[] expected = bytes(77, 151, 87, 205, 122, 231, 115, 170, 241, 160, 141, 0, 255, 152, 19, 24);
        assertArrayEquals(expected, Cookie.of("secretcookie").digest(0xDEADBEEF));
        // erlang:md5([atom_to_list(abc) | integer_to_list(0)])
        assertArrayEquals(bytes(87, 117, 113, 190, 77, 233, 220, 206, 133, 160, 65, 186, 4, 16, 242, 159),
                Cookie.of("abc").digest(0));
    }

    @Test
    void verifiesOnlyTheRightDigest() {
        Cookie cookie = Cookie.of("secretcookie");
        assertTrue(cookie.verifies(7, cookie.digest(7)));
        assertFalse(cookie.verifies(8, cookie.digest(7)));
        assertFalse(Cookie.of("other").verifies(7, cookie.digest(7)));
        assertFalse(cookie.verifies(7, new byte[3]));
    }

    @Test
    void neverPrintsItself() {
        assertFalse(Cookie.of("secretcookie").toString().contains("secret"));
    }

    @Test
    void refusesEmptyAndNonLatin1Cookies() {
        assertThrows(IllegalArgumentException.class, () -> Cookie.of(""));
        assertThrows(IllegalArgumentException.class, () -> Cookie.of("ключ"));
    }

    @Test
    void readsTheFirstLineOfTheCookieFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".erlang.cookie");
        Files.writeString(file, "ABCDEF\nignored\n");
        assertEquals(Cookie.of("ABCDEF"), Cookie.fromFile(file));
    }

    @Test
    void createsAMissingCookieFileAsErlDoes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".erlang.cookie");
        Cookie created = Cookie.fromFile(file);
        String text = Files.readString(file);
        assertTrue(text.matches("[A-Z]{20}"), text);
        assertEquals(Cookie.of(text), created);
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
