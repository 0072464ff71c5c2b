package dev.beamlink.testing;

import java.util.Locale;

/**
 * How the nodes of a run talk: over plain TCP, or over TLS as OTP's {@code inet_tls_dist} does. The system property
 * {@value #RUN_PROPERTY} ({@code -Dbeamlink.dist=tls}) makes every {@code @Erl} node of the test kit a TLS node
 * ({@code -proto_dist inet_tls} with an {@code ssl_dist_optfile} of its test class's certificates, mutual TLS) and every
 * {@code @Beamlink} node one with a TLS transport of the same certificates, so that a whole suite runs again over TLS;
 * the node module's wire fixture follows it too. (The launcher's own {@link ErlNode} runs plain TCP unless told
 * {@link ErlNode.Builder#tlsDistribution}: the certificates are its caller's.)
 */
public enum Distribution {

    /** Plain TCP: the default. */
    TCP,
    /** TLS, with certificates made for each test class ({@link dev.beamlink.testing.tls.TlsKit}). */
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
