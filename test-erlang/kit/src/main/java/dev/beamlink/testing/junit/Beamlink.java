package dev.beamlink.testing.junit;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.testing.Distribution;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A beamlink {@code DistributedNode} for a test, injected into a field or parameter, already connected to the
 * {@link Erl} nodes of its test and class that share its cookie and kind of names: it registers with the test class's
 * epmd and has pinged each of them. Scope and names work as for {@link Erl}: a static field is one node for the class,
 * an instance field or a parameter one for each test; the node is closed after them. In a run over TLS
 * ({@link Distribution}) its transport is a TLS one with the class's certificates ({@link BeamlinkTls}).
 *
 * <pre>{@code
 * @Erl static ErlNode erl;
 * @Beamlink static DistributedNode java;    // java.ping(erl.nodeName()) has answered pong
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@ExtendWith(ErlangExtension.class)
public @interface Beamlink {

    /** The node's name before {@code @}, to which a unique suffix is added; by default the field's or parameter's name ({@code java}). */
    String name() default "";

    /** The node's cookie; by default the test class's. */
    String cookie() default "";

    /** A hidden node. */
    boolean hidden() default false;

    /** Long names ({@code name@127.0.0.1}). */
    boolean longNames() default false;

    /** Whether the node connects to the {@link Erl} nodes of its test and class before the test gets it. */
    boolean connect() default true;

    /**
     * Further options of the node's builder, each a class with a constructor without arguments; applied after the
     * kit's own (name, cookie, epmd port, loopback address), so they may change those too.
     */
    Class<? extends Consumer<DistributedNode.Builder>>[] configure() default {};
}
