package dev.beamlink.dist.handshake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The shared secret of a cluster, and the digests the handshake proves it with.
 *
 * <p>A digest is the MD5 of the cookie's characters followed by the challenge written as an unsigned
 * decimal number: {@code erlang:md5([atom_to_list(Cookie) | integer_to_list(Challenge)])} in OTP's
 * {@code dist_util:gen_digest/2}. (The protocol document names the two parts the other way round; the
 * order OTP computes is the one that interoperates.) Digests are compared in constant time.
 * {@code toString()} never shows the cookie.
 */
public final class Cookie {

    /** Size of a digest: an MD5 hash. */
    public static final int DIGEST_SIZE = 16;

    private final byte[] latin1;

    private Cookie(byte[] latin1) {
        this.latin1 = latin1;
    }

    /**
     * {@return the cookie with this text}
     *
     * @throws IllegalArgumentException if it is empty or has characters outside Latin-1 (an Erlang
     *                                  cookie is an atom that the digest reads as Latin-1 bytes)
     */
    public static Cookie of(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the cookie is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("the cookie has a character outside Latin-1 at index " + i);
            }
        }
        return new Cookie(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * {@return the cookie erl would use: the first line of {@code ~/.erlang.cookie}}, which is created, as
     * erl creates it, with 20 random capital letters and owner-only permissions when it does not exist.
     *
     * @throws IOException if the file cannot be read or created
     */
    public static Cookie fromHomeDirectory() throws IOException {
        return fromFile(Path.of(System.getProperty("user.home"), ".erlang.cookie"));
    }

    /** {@return the cookie in {@code file} (its first line), creating the file as erl does when it is missing} */
    static Cookie fromFile(Path file) throws IOException {
        if (Files.notExists(file)) {
            SecureRandom random = new SecureRandom();
            StringBuilder text = new StringBuilder(20);
            for (int i = 0; i < 20; i++) {
                text.append((char) ('A' + random.nextInt(26)));
            }
            Files.writeString(file, text, StandardCharsets.ISO_8859_1);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
            } catch (UnsupportedOperationException notPosix) {
                // Not a POSIX file system: keep the default permissions.
            }
        }
        String content = Files.readString(file, StandardCharsets.ISO_8859_1);
        int end = content.indexOf('\n');
        String line = (end < 0 ? content : content.substring(0, end)).strip();
        if (line.isEmpty()) {
            throw new IOException("the cookie file " + file + " is empty");
        }
        return of(line);
    }

    /** {@return the digest that proves knowledge of this cookie for {@code challenge}} */
    public byte[] digest(int challenge) {
        MessageDigest md5 = md5();
        md5.update(latin1);
        md5.update(Integer.toUnsignedString(challenge).getBytes(StandardCharsets.US_ASCII));
        return md5.digest();
    }

    /** {@return whether {@code digest} proves this cookie for {@code challenge}}, compared in constant time */
    public boolean verifies(int challenge, byte[] digest) {
        return MessageDigest.isEqual(digest(challenge), digest);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cookie that && MessageDigest.isEqual(latin1, that.latin1);
    }

    @Override
    public int hashCode() {
        return 0; // deliberately uninformative
    }

    @Override
    public String toString() {
        return "Cookie[hidden]";
    }
}
