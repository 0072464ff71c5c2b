package dev.beamlink.epmd;

import java.util.function.UnaryOperator;

/** The EPMD port when none is given: {@code ERL_EPMD_PORT}, else 4369, as {@code erl} and {@code epmd} choose it. */
final class EpmdPorts {

    private EpmdPorts() {
    }

    /**
     * {@return the port named by {@code ERL_EPMD_PORT} in {@code environment}, or 4369 if it is unset or blank}
     *
     * @throws IllegalStateException if the variable is set to something that is no port number
     */
    static int fromEnvironment(UnaryOperator<String> environment) {
        String value = environment.apply(EpmdProtocol.ERL_EPMD_PORT);
        if (value == null || value.isBlank()) {
            return EpmdProtocol.DEFAULT_PORT;
        }
        String trimmed = value.trim();
        if (trimmed.length() <= 5 && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int port = Integer.parseInt(trimmed);
            if (port >= 1 && port <= 0xFFFF) {
                return port;
            }
        }
        throw new IllegalStateException(EpmdProtocol.ERL_EPMD_PORT + ": '" + value + "' (expected: a port number 1..65535)");
    }
}
