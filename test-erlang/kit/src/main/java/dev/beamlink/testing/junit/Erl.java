package dev.beamlink.testing.junit;

import dev.beamlink.testing.Distribution;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A live erl (or Elixir) node for a test, injected into an {@code ErlNode} field or parameter.
 *
 * <p>A static field holds one node for the whole test class; an instance field or a parameter, one for each test.
 * A node is known by its {@link #name()} within its test class: a parameter of the name of a static field gets that
 * field's node. The node registers with the test class's own epmd, with the class's cookie unless it names its own,
 * and has the files of {@link #load()} compiled and loaded. In a run over TLS ({@link Distribution}) it is a TLS node
 * with the class's certificates. Nodes stop after their test or class, also when it fails; when a test fails, what its
 * nodes printed during it is attached to the failure.
 *
 * <pre>{@code
 * @Erl(load = "erlang/orders.erl") static ErlNode erl;     // one node for the class, with orders.erl loaded
 * @Erl(elixir = true, otp = 27) ErlNode elixir;            // an Elixir node on OTP 27 for each test
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@ExtendWith(ErlangExtension.class)
public @interface Erl {

    /**
     * The node's name (the part before {@code @}, to which a suffix unique to the run is added: {@code orders} becomes
     * {@code orders_8123_4@localhost}); by default the field's or parameter's name ({@code erl} or {@code elixir} for a
     * parameter compiled without its name).
     */
    String name() default "";

    /** The node's cookie; by default the test class's (one made at random for it). */
    String cookie() default "";

    /** A hidden node ({@code -hidden}). */
    boolean hidden() default false;

    /** Long names ({@code name@127.0.0.1}) instead of short ones ({@code name@localhost}). */
    boolean longNames() default false;

    /** An Elixir node, started with Elixir's {@code elixir}: it can evaluate Elixir and load {@code .ex} files. */
    boolean elixir() default false;

    /** The OTP release the node must run, exactly; by default the class's {@link Otp}, else the run's, else the host's. */
    int otp() default 0;

    /** The oldest OTP release the node may run (instead of {@link #otp()}). */
    int minOtp() default 0;

    /**
     * Source files to compile and load on the node, as class path resources ({@code erlang/orders.erl},
     * {@code elixir/greeter.ex}): Erlang on any node, Elixir on an Elixir node.
     */
    String[] load() default {};

    /** More {@code erl} arguments, such as {@code {"+P", "2000000"}}. */
    String[] args() default {};
}
