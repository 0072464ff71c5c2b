package dev.beamlink.otp.rpc;

import dev.beamlink.etf.Atom;
import dev.beamlink.node.Node;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.otp.kernel.ProcessKeeper;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The functions a Java node exports to other nodes: erl and Elixir call them as they call any Erlang function on
 * another node.
 *
 * <pre>{@code
 * Exports exports = java.exports();
 * exports.export(Atom.of("billing"), Atom.of("charge"), 2, call -> {
 *     long cents = ((Int) call.arg(1)).value();
 *     return Tuple.of(Atom.OK, Int.of(cents));
 * });
 * // erl> erpc:call('java@host', billing, charge, [acct, 42]).          %% {ok,42}
 * // erl> rpc:call('java@host', billing, charge, [acct, 42]).           %% {ok,42}
 * // erl> spawn_link('java@host', billing, charge, [acct, 42]).         %% a Java process running it, linked
 * // iex> :erpc.call(:"java@host", :billing, :charge, [:acct, 42])
 * }</pre>
 *
 * <p>What reaches them: {@code erpc:call/4,5}, {@code erpc:multicall}, {@code erpc:send_request}, {@code erpc:cast}
 * and the {@code rpc} functions built on them (OTP 23+ spawns {@code erpc:execute_call/4} on this node, which the node
 * runs itself around the exported function); {@code spawn/4}, {@code spawn_link/4}, {@code spawn_monitor/4},
 * {@code spawn_opt/5} and {@code erlang:spawn_request/5} of an exported function, linked and monitored from the first
 * moment as the request says; and the node's {@code rex}, for {@code rpc:block_call/4}, jinterface's {@code sendRPC}
 * ({@code {From, {call, M, F, A, GroupLeader}}}, answered {@code {rex, Result}}) and older nodes. Each call runs in a
 * process of its own. A function that is not exported is {@code undef}, as OTP reports it:
 * {@code {badrpc, {'EXIT', {undef, [{M, F, Args, []}]}}}} for rpc, {@code error({exception, undef, [{M, F, Args, []}]})}
 * for erpc; what an exported function throws, see {@link ExportedFunction}.
 *
 * <p>Built in, for operators: {@code erlang:node/0}, {@code nodes/0,1}, {@code processes/0}, {@code process_info/1,2},
 * {@code whereis/1}, {@code registered/0}, {@code is_process_alive/1}, {@code system_info/1} and {@code apply/3}.
 *
 * <p>{@code rex} lives as long as the exports: if it ends for any reason (a peer's {@code exit(Rex, kill)}), a new one
 * starts under its name, and the end is logged at level error.
 *
 * <p>The processes other nodes make here are bounded ({@link #processLimit()}): past the limit, a spawn request is
 * answered {@code system_limit} ({@code spawn/4} raises it on erl, {@code erpc:call} gives {@code {erpc, system_limit}}),
 * as BEAM answers past its process limit.
 */
public final class Exports implements AutoCloseable {

    /** The default of {@link #processLimit()}: 262,144, BEAM's default process limit. */
    public static final int DEFAULT_PROCESS_LIMIT = 262_144;

    private final Node node;
    private final Invoker invoker;
    private final ProcessKeeper keeper;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Exports(Node node, Invoker invoker, ProcessKeeper keeper) {
        this.node = node;
        this.invoker = invoker;
        this.keeper = keeper;
    }

    /**
     * Starts exporting on {@code node}: it answers spawn requests with exported functions (at most
     * {@code processLimit} of their processes at once), and runs {@code rex}.
     *
     * @throws IllegalArgumentException if the limit is below 1
     * @throws dev.beamlink.node.ErlangError {@code badarg} if a process is registered as {@code rex} already
     */
    public static Exports start(Node node, int processLimit) {
        Objects.requireNonNull(node, "node");
        Invoker invoker = new Invoker();
        RunningCalls running = new RunningCalls();
        Builtins.exportTo(invoker, running);
        node.setSpawnHandler(new PeerSpawns(invoker, running), processLimit);
        return new Exports(node, invoker, ProcessKeeper.start(node, Rex.NAME.text(),
                keeper -> GenServer.startLink(keeper, new Rex(), StartOptions.DEFAULTS.local(Rex.NAME)).pid()));
    }

    /**
     * Exports {@code function} as {@code module:name/arity}, replacing what was exported under that name and arity
     * (a built-in function among them).
     *
     * @throws IllegalArgumentException if the arity is not 0 to 255
     */
    public void export(Atom module, Atom name, int arity, ExportedFunction function) {
        invoker.put(new ExportKey(module, name, arity), Objects.requireNonNull(function, "function"));
    }

    /** Stops exporting {@code module:name/arity}: calls to it are {@code undef} from now on. {@return whether it was exported} */
    public boolean unexport(Atom module, Atom name, int arity) {
        return invoker.remove(new ExportKey(module, name, arity));
    }

    /** {@return whether {@code module:name/arity} is exported} */
    public boolean isExported(Atom module, Atom name, int arity) {
        return invoker.has(new ExportKey(module, name, arity));
    }

    /** {@return the most processes other nodes may have made here alive at once} */
    public int processLimit() {
        return node.requestedProcessLimit();
    }

    /** {@return how many processes other nodes made here live now} */
    public int processCount() {
        return node.requestedProcessCount();
    }

    /** Stops exporting: spawn requests are answered {@code notsup} again, and {@code rex} ends. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        node.setSpawnHandler(null, 1);
        keeper.close();
    }
}
