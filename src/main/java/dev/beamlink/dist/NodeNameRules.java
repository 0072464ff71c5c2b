package dev.beamlink.dist;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Node names as {@code erl -sname} and {@code erl -name} accept them (OTP's {@code net_kernel:create_name/3}):
 * the part before {@code @} is letters, digits, {@code _} and {@code -}; the host is printable Latin-1
 * without spaces; a short name's host has no dot; a name given without a host gets this machine's.
 */
final class NodeNameRules {

    private NodeNameRules() {
    }

    /**
     * {@return the full node name, {@code alive@host}, for {@code name} as given to the builder}
     *
     * @param name      {@code alive} or {@code alive@host}
     * @param longNames whether the node uses long names ({@code -name}) rather than short ones ({@code -sname})
     * @throws IllegalArgumentException if the name is not one erl would accept in that mode
     */
    static String fullName(String name, boolean longNames) {
        int at = name.indexOf('@');
        String alive = at < 0 ? name : name.substring(0, at);
        String host = at < 0 ? localHost(longNames) : name.substring(at + 1);
        if (!isValidAlive(alive)) {
            throw new IllegalArgumentException("invalid node name \"" + name
                    + "\": the part before @ must be letters, digits, _ or - (expected: alive@host)");
        }
        if (host.isEmpty() || host.indexOf('@') >= 0 || !isValidHost(host)) {
            throw new IllegalArgumentException("invalid node name \"" + name + "\": the host \"" + host
                    + "\" must be non-empty printable Latin-1 with no space or @");
        }
        if (!longNames && host.indexOf('.') >= 0) {
            throw new IllegalArgumentException("can't set short node name \"" + name
                    + "\": a short name's host has no dot (use long names for " + host + ")");
        }
        return alive + "@" + host;
    }

    /** {@return the part before {@code @}} */
    static String alive(String fullName) {
        return fullName.substring(0, fullName.indexOf('@'));
    }

    /** {@return the part after {@code @}} */
    static String host(String fullName) {
        return fullName.substring(fullName.indexOf('@') + 1);
    }

    /** {@return whether {@code name} is {@code alive@host} with both parts non-empty} */
    static boolean isNodeName(String name) {
        int at = name.indexOf('@');
        return at > 0 && at < name.length() - 1 && name.indexOf('@', at + 1) < 0;
    }

    private static boolean isValidAlive(String alive) {
        if (alive.isEmpty() || alive.length() > 255) {
            return false;
        }
        for (int i = 0; i < alive.length(); i++) {
            char c = alive.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c < 0x21 || c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static String localHost(boolean longNames) {
        try {
            String host = longNames ? InetAddress.getLocalHost().getCanonicalHostName() : InetAddress.getLocalHost().getHostName();
            if (!longNames) {
                int dot = host.indexOf('.');
                return dot < 0 ? host : host.substring(0, dot);
            }
            if (host.indexOf('.') < 0) {
                throw new IllegalArgumentException("can't set long node name: this host's name \"" + host
                        + "\" has no domain; give the name as alive@host.domain");
            }
            return host;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("no host name for this machine: give the name as alive@host", e);
        }
    }
}
