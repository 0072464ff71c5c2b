package dev.beamlink.otp.kernel;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.node.Reasons;
import dev.beamlink.otp.ChildSpec;
import dev.beamlink.otp.ChildStart;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.otp.StartResult;
import dev.beamlink.otp.Supervisor;
import dev.beamlink.otp.SupervisorFlags;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's supervision of its own system processes, as OTP's {@code kernel_sup}: a {@link Supervisor} registered as
 * {@code kernel_sup}, {@code one_for_one}, whose children are the system processes, in start order. One that ends,
 * whatever the reason, is started again, with OTP's {@code SUPERVISOR REPORT} at level error; a registered one takes
 * its name again. More than {@value #INTENSITY} restarts within {@value #PERIOD_SECONDS} s end the supervisor, and the
 * supervisor is itself kept by a process of the node: when it ends (past its intensity, or killed by a peer's
 * {@code exit(Pid, kill)}), the keeper logs it at level error and, after {@link #RESTART_PAUSE}, starts it anew with
 * all its children.
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
    /** How long the keeper waits before it starts a supervisor that ended again. */
    public static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(KernelSupervisor.class);
    private static final SupervisorFlags FLAGS = SupervisorFlags.DEFAULTS.withIntensity(INTENSITY, PERIOD_SECONDS);
    private static final Atom STOP = Atom.of("stop");

    private final Node node;
    private final Pid keeper;

    private KernelSupervisor(Node node, Pid keeper) {
        this.node = node;
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
        CompletableFuture<StartResult> first = new CompletableFuture<>();
        Pid keeper = node.spawn(self -> {
            try {
                keep(self, specs, first);
            } finally {
                first.complete(new StartResult.Error(Atom.of("keeper_ended")));
            }
        });
        StartResult started = first.join();
        if (!(started instanceof StartResult.Ok)) {
            throw new IllegalStateException("the node's system processes did not start: " + started.toTerm());
        }
        return new KernelSupervisor(node, keeper);
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

    /** {@return the supervisor's pid now, if it runs} */
    public Optional<Pid> supervisor() {
        return node.whereis(NAME);
    }

    /**
     * The keeper: starts the supervisor, linked, and starts it again whenever it ends, until told to stop; then it
     * shuts the supervisor down, which terminates the children in reverse start order.
     */
    private static void keep(Mailbox self, List<ChildSpec> children, CompletableFuture<StartResult> first) {
        self.trapExit(true);
        while (true) {
            StartResult started;
            try {
                started = Supervisor.startSystemLink(self, FLAGS, children, StartOptions.DEFAULTS.local(NAME));
            } catch (RuntimeException e) {
                started = new StartResult.Error(Reasons.of(e));
            }
            if (!first.isDone()) {
                first.complete(started);
                if (!(started instanceof StartResult.Ok)) {
                    return;
                }
            }
            if (started instanceof StartResult.Ok(Pid supervisor, var ignored)) {
                Object why = self.receive(message -> message instanceof Exit exit && exit.from().equals(supervisor)
                        || STOP.equals(message) ? message : null);
                if (STOP.equals(why)) {
                    self.exit(supervisor, Atom.of("shutdown"));
                    self.receive(message -> message instanceof Exit exit && exit.from().equals(supervisor) ? exit : null);
                    return;
                }
                LOG.error("{} on {} ended with {}: it starts again in {} ms, with the node's system processes", NAME,
                        self.node().name(), ((Exit) why).reason(), RESTART_PAUSE.toMillis());
            } else {
                LOG.error("{} on {} did not start: {}; trying again in {} ms", NAME, self.node().name(),
                        started.toTerm(), RESTART_PAUSE.toMillis());
            }
            if (self.receive(message -> STOP.equals(message) ? message : null, RESTART_PAUSE).isPresent()) {
                return;
            }
        }
    }

    /** Stops the supervisor and its children (in reverse start order), and waits until they have ended. Idempotent. */
    @Override
    public void close() {
        try (Mailbox closer = node.mailbox()) {
            var watch = closer.monitor(keeper);
            closer.send(keeper, STOP);
            closer.receive(message -> message instanceof Down down && down.ref().equals(watch) ? down : null);
        } catch (IllegalStateException nodeClosed) {
            // The node is closed: its processes have ended already.
        }
    }
}
