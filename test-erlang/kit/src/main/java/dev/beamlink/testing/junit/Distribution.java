package dev.beamlink.testing.junit;

import java.util.Locale;

/**
 * How the nodes of a run talk: over plain TCP, or over TLS as OTP's {@code inet_tls_dist} does. The system property
 * {@value #RUN_PROPERTY} ({@code -Dbeamlink.dist=tls}) makes every {@link Erl} node of the run a TLS node
 * ({@code -proto_dist inet_tls} with an {@code ssl_dist_optfile} of its test class's certificates, mutual TLS) and every
 * {@link Beamlink} node one with a TLS transport of the same certificates, so that a whole suite runs again over TLS.
 */
public enum Distribution {

    /** Plain TCP: the default. */
    TCP,
    /** TLS, with certificates the kit makes for each test class ({@link Nodes#tls()}). */
    TLS;

    /** The system property that says the run's distribution: {@code tcp} or {@code tls}. */
    public static final String RUN_PROPERTY = "beamlink.dist";

    /**
     * {@return the run's distribution: what {@value #RUN_PROPERTY} says, TCP if it says nothing}
     *
     * @throws IllegalArgumentException if it says something else than {@code tcp} or {@code tls}
     */
    public static Distribution ofRun() {
        String value = System.getProperty(RUN_PROPERTY, "").strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "tcp" -> TCP;
            case "tls" -> TLS;
            default -> throw new IllegalArgumentException("-D" + RUN_PROPERTY + "=" + value + " (expected: tcp or tls)");
        };
    }
}
