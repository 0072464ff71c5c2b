package dev.beamlink.interop.tls;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that chooses each of its nodes' distribution itself: TLS nodes with certificates of its own (an untrusted
 * CA, an expired certificate, another host, other TLS versions), and plain-TCP nodes beside TLS ones to show that
 * the two refuse each other. The run over TLS ({@code -Dbeamlink.dist=tls}, the interop module's execution {@code tls})
 * leaves these classes out by their tag {@value #TAG}: it would only repeat them, and a plain-TCP node of theirs has to
 * stay plain whatever the run's distribution.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(OwnDistribution.TAG)
@interface OwnDistribution {

    /** The JUnit tag of these classes. */
    String TAG = "own-distribution";
}
