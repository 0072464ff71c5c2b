package dev.beamlink.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OTP release of a test class: its {@link Erl} nodes that state none, and its epmd, run it. A subclass with another
 * release runs the same tests on that release: {@code @Otp(27) class OrdersOtp27Test extends OrdersTest {}}.
 * Without it, nodes run the run's release ({@code -Dbeamlink.otp=27}, so that a whole suite runs again on another
 * release), else the host's Erlang/OTP (Elixir nodes: the first installation with Elixir of that release).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Otp {

    /** The OTP release, exactly. */
    int value() default 0;

    /** The oldest OTP release that will do (instead of {@link #value()}). */
    int min() default 0;
}
