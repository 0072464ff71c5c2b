package dev.beamlink.otp.kernel;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.node.Down;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.otp.ChildSpec;
import dev.beamlink.otp.ChildStart;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.otp.StartResult;
import dev.beamlink.otp.Supervisor;
import dev.beamlink.otp.SupervisorFlags;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The node's supervision of its own system processes, as OTP's {@code kernel_sup}: a {@link Supervisor} registered as
 * {@code kernel_sup}, {@code one_for_one}, whose children are the system processes, in start order. One that ends,
 * whatever the reason, is started again, with OTP's {@code SUPERVISOR REPORT} at level error; a registered one takes
 * its name again. More than {@value #INTENSITY} restarts within {@value #PERIOD_SECONDS} s end the supervisor, and the
 * supervisor is itself kept by a {@link ProcessKeeper}: when it ends (past its intensity, or killed by a peer's
 * {@code exit(Pid, kill)}), the keeper logs it at level error and starts it anew with all its children.
 *
 * <pre>{@code
 * KernelSupervisor kernel = KernelSupervisor.start(node, List.of(KernelSupervisor.ioServer(leader::set),
 *         KernelSupervisor.netKernel(), global.childSpec()));
 * }</pre>
 *
 * <p>A child is any {@link ChildSpec} with a Java start: more system processes join by adding theirs to the list.
 * {@link #close()} terminates the children in reverse start order.
 */
public final class KernelSupervisor implements AutoCloseable {

    /** The supervisor's registered name. */
    public static final Atom NAME = Atom.of("kernel_sup");
    /** How many restarts the supervisor allows within {@link #PERIOD_SECONDS}. */
    public static final int INTENSITY = 10;
    /** The period of {@link #INTENSITY}, in seconds. */
    public static final int PERIOD_SECONDS = 1;
    /** How long a new supervisor waits for the old one's child holding a name it starts a child under to end. */
    private static final Duration NAME_RELEASE_TIME = Duration.ofSeconds(5);
    private static final SupervisorFlags FLAGS = SupervisorFlags.DEFAULTS.withIntensity(INTENSITY, PERIOD_SECONDS);

    private final ProcessKeeper keeper;

    private KernelSupervisor(ProcessKeeper keeper) {
        this.keeper = keeper;
    }

    /**
     * Starts {@code kernel_sup} on {@code node} with {@code children}, and its keeper. {@return once every child has
     * started}
     *
     * @throws IllegalStateException if the supervisor could not start its children
     */
    public static KernelSupervisor start(Node node, List<ChildSpec> children) {
        List<ChildSpec> specs = List.copyOf(children);
        return new KernelSupervisor(ProcessKeeper.start(node, NAME.text(), keeper -> {
            awaitNamesFree(keeper, specs);
            StartResult started = Supervisor.startSystemLink(keeper, FLAGS, specs, StartOptions.DEFAULTS.local(NAME));
            if (started instanceof StartResult.Ok(Pid supervisor, var ignored)) {
                return supervisor;
            }
            throw new IllegalStateException("the node's system processes did not start: " + started.toTerm());
        }));
    }

    /**
     * Waits until the processes of an earlier supervisor that hold the children's names have ended: they end with it,
     * as its links tell them, but a moment after it; at most {@link #NAME_RELEASE_TIME} each.
     */
    private static void awaitNamesFree(Mailbox keeper, List<ChildSpec> specs) {
        for (ChildSpec spec : specs) {
            if (spec.id() instanceof Atom name) {
                keeper.node().whereis(name).ifPresent(holder -> {
                    Ref watch = keeper.monitor(holder);
                    keeper.receiveIf(m -> m instanceof Down down && down.ref().equals(watch), NAME_RELEASE_TIME);
                    keeper.demonitor(watch, true);
                });
            }
        }
    }

    /** {@return {@code net_kernel} as a child: the node's {@link NetKernel}, registered} */
    public static ChildSpec netKernel() {
        return ChildSpec.worker(NetKernel.NAME, ChildStart.java("net_kernel",
                sup -> GenServer.startLink(sup, new NetKernel(), StartOptions.DEFAULTS.local(NetKernel.NAME))));
    }

    /** {@return {@code user} as a child: the node's {@link IoServer}, registered; {@code started} hears of each pid} */
    public static ChildSpec ioServer(Consumer<Pid> started) {
        return ChildSpec.worker(IoServer.NAME, ChildStart.java("user", sup -> {
            Pid server = sup.spawnLink(new IoServer());
            sup.node().register(IoServer.NAME, server);
            started.accept(server);
            return new StartResult.Ok(server, null);
        }));
    }

    /** Stops the supervisor and its children (in reverse start order), and waits until they have ended. Idempotent. */
    @Override
    public void close() {
        keeper.close();
    }
}
