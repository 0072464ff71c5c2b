package dev.beamlink.node.internal;

import dev.beamlink.node.Node;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Distribution;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The operations of {@link Node} that only this module's distribution layer (and diagnostics) may call: they
 * are package-private on {@code Node}, and this class, in a package the module does not export, reaches them. Java
 * has no access level between "package" and "public" across packages of one module, so the handles are looked up
 * once with full access to {@code Node}, which {@link MethodHandles#privateLookupIn} grants within one module (and
 * on the class path, where both are in the unnamed module).
 */
public final class NodeInternals {

    private static final MethodHandle ATTACH;
    private static final MethodHandle BODY_THREADS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Node.class, MethodHandles.lookup());
            ATTACH = lookup.findVirtual(Node.class, "attach", MethodType.methodType(Attachment.class, Distribution.class));
            BODY_THREADS = lookup.findVirtual(Node.class, "bodyThreads", MethodType.methodType(int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NodeInternals() {
    }

    /**
     * Attaches the distribution layer: signals for other nodes go to {@code distribution} from now on.
     * {@return the way in for signals from the wire and for connection events}
     *
     * @throws IllegalStateException if a distribution is attached already
     */
    public static Attachment attach(Node node, Distribution distribution) {
        try {
            return (Attachment) ATTACH.invokeExact(node, distribution);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * {@return how many process bodies are still on their threads} A process killed while idle is dead at once, and
     * its thread unwinds afterwards: this count includes such threads until they are done.
     */
    public static int bodyThreads(Node node) {
        return count(BODY_THREADS, node);
    }

    private static int count(MethodHandle count, Node node) {
        try {
            return (int) count.invokeExact(node);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
