package dev.beamlink.dist;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An interop test class that holds on plain TCP only: raw-socket peers that write handshake messages and frames
 * themselves and read the node's (a TLS record layer would hide every byte they check); nodes the class builds itself
 * without the wire fixture, which talk plain TCP whatever the run's distribution (over TLS they would only repeat the
 * plain run); or a check of how OTP's TCP distribution schedules erl's output ({@link FragmentsInteropTest}: over TCP
 * erl sends other messages between the fragments of a big one, over {@code inet_tls_dist} it sent them back to back,
 * and the order on the wire is erl's). The run over TLS ({@code -Dbeamlink.dist=tls}, this module's execution
 * {@code tls}) leaves these classes out by their tag {@value #TAG}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(PlainTcp.TAG)
public @interface PlainTcp {

    /** The JUnit tag of these classes. */
    String TAG = "plain-tcp";
}
