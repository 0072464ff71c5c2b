package dev.beamlink.otp.rpc;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.Node;
import dev.beamlink.node.ProcessInfo;
import dev.beamlink.node.ProcessName;
import dev.beamlink.node.Reasons;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The functions of module {@code erlang} a Java node answers, so that an operator on erl can look inside it
 * ({@code rpc:call(JavaNode, erlang, processes, [])} ...): {@code node/0}, {@code nodes/0,1}, {@code processes/0},
 * {@code process_info/1,2}, {@code whereis/1}, {@code registered/0}, {@code is_process_alive/1}, {@code system_info/1}
 * and {@code apply/3} of exported functions. Each answers as the BIF does, bad arguments included ({@code badarg} with
 * BEAM's stack frame); what a Java process does not have (a heap, reductions, a dictionary) is not made up: asking for
 * it is {@code badarg}, as for an item BEAM does not know.
 */
final class Builtins {

    private static final Atom NODE = Atom.of("node");
    private static final Atom NODES = Atom.of("nodes");
    private static final Atom PROCESSES = Atom.of("processes");
    private static final Atom PROCESS_INFO = Atom.of("process_info");
    private static final Atom WHEREIS = Atom.of("whereis");
    private static final Atom REGISTERED = Atom.of("registered");
    private static final Atom IS_PROCESS_ALIVE = Atom.of("is_process_alive");
    private static final Atom SYSTEM_INFO = Atom.of("system_info");
    private static final Atom REGISTERED_NAME = Atom.of("registered_name");
    private static final Atom CURRENT_FUNCTION = Atom.of("current_function");
    private static final Atom INITIAL_CALL = Atom.of("initial_call");
    private static final Atom STATUS = Atom.of("status");
    private static final Atom MESSAGE_QUEUE_LEN = Atom.of("message_queue_len");
    private static final Atom LINKS = Atom.of("links");
    private static final Atom MONITORS = Atom.of("monitors");
    private static final Atom MONITORED_BY = Atom.of("monitored_by");
    private static final Atom TRAP_EXIT = Atom.of("trap_exit");
    private static final Atom PROCESS = Atom.of("process");
    private static final Atom VISIBLE = Atom.of("visible");
    private static final Atom HIDDEN = Atom.of("hidden");
    private static final Atom CONNECTED = Atom.of("connected");
    private static final Atom THIS = Atom.of("this");
    private static final Atom KNOWN = Atom.of("known");
    /** What {@code initial_call} and {@code current_function} say of a process started by Java code: a fun's. */
    private static final Tuple JAVA_BODY = Tuple.of(Invoker.ERLANG, Invoker.APPLY, Int.of(2));
    /** The items of {@code process_info/1}, in BEAM's order (those a Java process has). */
    private static final List<Atom> INFO_ITEMS = List.of(CURRENT_FUNCTION, INITIAL_CALL, STATUS, MESSAGE_QUEUE_LEN,
            LINKS, TRAP_EXIT);

    private final Invoker invoker;
    private final RunningCalls running;

    private Builtins(Invoker invoker, RunningCalls running) {
        this.invoker = invoker;
        this.running = running;
    }

    /** Exports the built-in functions in {@code invoker}. */
    static void exportTo(Invoker invoker, RunningCalls running) {
        Builtins builtins = new Builtins(invoker, running);
        export(invoker, NODE, 0, call -> call.self().node().name());
        export(invoker, NODES, 0, call -> ErlList.from(call.self().node().nodes()));
        export(invoker, NODES, 1, call -> ErlList.from(nodes(call.self().node(), call.arg(0))));
        export(invoker, PROCESSES, 0, call -> ErlList.from(call.self().node().processes()));
        export(invoker, PROCESS_INFO, 1, call -> builtins.processInfo(call.self().node(), call.arg(0)));
        export(invoker, PROCESS_INFO, 2, call -> builtins.processInfo(call.self().node(), call.arg(0), call.arg(1)));
        export(invoker, WHEREIS, 1, call -> whereis(call.self().node(), call.arg(0)));
        export(invoker, REGISTERED, 0, call -> ErlList.from(call.self().node().registered()));
        export(invoker, IS_PROCESS_ALIVE, 1, call -> Atom.of(call.self().node().isAlive(localPid(call.self().node(),
                IS_PROCESS_ALIVE, call.args()))));
        export(invoker, SYSTEM_INFO, 1, call -> systemInfo(call.self().node(), call.arg(0)));
        export(invoker, Invoker.APPLY, 3, call -> invoker.apply(call.self(), call.caller(), call.arg(0), call.arg(1),
                call.arg(2)));
    }

    private static void export(Invoker invoker, Atom function, int arity, ExportedFunction body) {
        invoker.put(new ExportKey(Invoker.ERLANG, function, arity), body);
    }

    /** {@return an {@code error(badarg)} raised by {@code erlang:Function(Args)}, with BEAM's stack} */
    static ErlangError badarg(Atom function, List<Term> args) {
        return new ErlangError(Reasons.BADARG, ErlList.of(Invoker.bifFrame(function, args)),
                "erlang:" + function.text() + args + ": a bad argument");
    }

    /** {@code erlang:nodes/1}: {@code visible}, {@code hidden}, {@code connected}, {@code this}, {@code known} or a list of them. */
    private static List<Atom> nodes(Node node, Term arg) {
        List<Term> kinds = arg instanceof Atom ? List.of(arg) : Invoker.properList(arg);
        if (kinds == null) {
            throw badarg(NODES, List.of(arg));
        }
        Set<Atom> out = new LinkedHashSet<>();
        for (Term kind : kinds) {
            if (kind.equals(THIS) || kind.equals(KNOWN)) {
                out.add(node.name());
            }
        }
        for (Term kind : kinds) {
            if (kind.equals(VISIBLE) || kind.equals(CONNECTED) || kind.equals(KNOWN)) {
                out.addAll(node.nodes());
            }
            if (kind.equals(HIDDEN) || kind.equals(CONNECTED) || kind.equals(KNOWN)) {
                out.addAll(node.hiddenNodes());
            }
            if (!kind.equals(THIS) && !kind.equals(KNOWN) && !kind.equals(VISIBLE) && !kind.equals(HIDDEN)
                    && !kind.equals(CONNECTED)) {
                throw badarg(NODES, List.of(arg));
            }
        }
        return List.copyOf(out);
    }

    private static Term whereis(Node node, Term name) {
        if (!(name instanceof Atom atom)) {
            throw badarg(WHEREIS, List.of(name));
        }
        return node.whereis(atom).map(Term.class::cast).orElse(Atom.UNDEFINED);
    }

    /** {@return the pid of a process of this node} @throws ErlangError {@code badarg} for anything else */
    private static Pid localPid(Node node, Atom function, List<Term> args) {
        if (args.getFirst() instanceof Pid pid && pid.node().equals(node.name())) {
            return pid;
        }
        throw badarg(function, args);
    }

    /** {@code process_info/1}: the items a Java process has, or {@code undefined} for one that is not alive. */
    private Term processInfo(Node node, Term pid) {
        Pid local = localPid(node, PROCESS_INFO, List.of(pid));
        Optional<ProcessInfo> info = node.processInfo(local);
        if (info.isEmpty()) {
            return Atom.UNDEFINED;
        }
        List<Term> items = new ArrayList<>(INFO_ITEMS.size() + 1);
        info.get().name().ifPresent(name -> items.add(Tuple.of(REGISTERED_NAME, name)));
        for (Atom item : INFO_ITEMS) {
            items.add(Tuple.of(item, item(info.get(), item)));
        }
        return ErlList.from(items);
    }

    /** {@code process_info/2}: one item or a list of them; {@code undefined} for a process that is not alive. */
    private Term processInfo(Node node, Term pid, Term items) {
        Pid local = localPid(node, PROCESS_INFO, List.of(pid, items));
        List<Term> asked = items instanceof Atom ? List.of(items) : Invoker.properList(items);
        if (asked == null || asked.stream().anyMatch(item -> !(item instanceof Atom) || !isItem((Atom) item))) {
            throw badarg(PROCESS_INFO, List.of(pid, items));
        }
        Optional<ProcessInfo> info = node.processInfo(local);
        if (info.isEmpty()) {
            return Atom.UNDEFINED;
        }
        if (items instanceof Atom item) {
            return item.equals(REGISTERED_NAME) && info.get().name().isEmpty() ? Nil.NIL
                    : Tuple.of(item, item(info.get(), item));
        }
        return ErlList.from(asked.stream().map(item -> (Term) Tuple.of(item, item(info.get(), (Atom) item))).toList());
    }

    private static boolean isItem(Atom item) {
        return INFO_ITEMS.contains(item) || item.equals(REGISTERED_NAME) || item.equals(MONITORS)
                || item.equals(MONITORED_BY);
    }

    private Term item(ProcessInfo info, Atom item) {
        Optional<RunningCalls.Running> calls = running.of(info.pid());
        return switch (item.text()) {
            case "registered_name" -> info.name().map(Term.class::cast).orElse(Nil.NIL);
            case "current_function" -> calls.map(RunningCalls.Running::currentFunction).orElse(JAVA_BODY);
            case "initial_call" -> calls.map(RunningCalls.Running::initialCall).orElse(JAVA_BODY);
            case "status" -> Atom.of(info.status() == ProcessInfo.Status.WAITING ? "waiting" : "running");
            case "message_queue_len" -> Int.of(info.messageQueueLength());
            case "links" -> ErlList.from(info.links());
            case "trap_exit" -> Atom.of(info.trapExit());
            case "monitored_by" -> ErlList.from(info.monitoredBy());
            case "monitors" -> {
                List<Term> monitors = new ArrayList<>();
                info.monitors().forEach(pid -> monitors.add(Tuple.of(PROCESS, pid)));
                info.monitorsByName().forEach(name -> monitors.add(Tuple.of(PROCESS, name.toTerm())));
                yield ErlList.from(monitors);
            }
            default -> throw new IllegalArgumentException("not a process_info item: " + item);
        };
    }

    /** {@code system_info/1} for the items that mean something on a Java node. */
    private static Term systemInfo(Node node, Term item) {
        int processors = Runtime.getRuntime().availableProcessors();
        if (!(item instanceof Atom atom)) {
            throw badarg(SYSTEM_INFO, List.of(item));
        }
        return switch (atom.text()) {
            case "process_count" -> Int.of(node.processCount());
            case "process_limit" -> Int.of(node.requestedProcessLimit());
            case "port_count" -> Int.of(0);
            case "schedulers", "schedulers_online", "logical_processors", "logical_processors_available",
                 "logical_processors_online" -> Int.of(processors);
            case "creation" -> Int.of(Integer.toUnsignedLong(node.creation()));
            case "system_architecture" -> ErlList.ofString(System.getProperty("os.arch") + "-" + System.getProperty("os.name"));
            case "system_version" -> ErlList.ofString("beamlink on Java " + Runtime.version() + " ("
                    + System.getProperty("java.vm.name") + ") [" + processors + " processors]\n");
            default -> throw badarg(SYSTEM_INFO, List.of(item));
        };
    }
}
