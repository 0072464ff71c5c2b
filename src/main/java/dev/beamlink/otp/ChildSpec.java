package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A child of a {@link Supervisor}, as OTP's child spec says it: its id, how it starts, when it is restarted, how it is
 * shut down, whether it is a worker or a supervisor, and its modules. Immutable.
 *
 * <pre>{@code
 * ChildSpec cache = ChildSpec.worker(Atom.of("cache"), ChildStart.java("Cache", sup -> GenServer.startLink(sup, new Cache())))
 *         .withRestart(ChildSpec.Restart.TRANSIENT)
 *         .withShutdown(ChildSpec.Shutdown.after(Duration.ofSeconds(1)));
 * }</pre>
 *
 * @param id       the child's id within its supervisor (any term: OTP's {@code id})
 * @param start    how it starts
 * @param restart  when it is restarted
 * @param shutdown how it is terminated
 * @param type     {@code worker} or {@code supervisor}
 * @param modules  OTP's {@code modules}: a list of atoms, or {@code dynamic}
 */
public record ChildSpec(Term id, ChildStart start, Restart restart, Shutdown shutdown, Type type, Term modules) {

    /** The shutdown of a worker that names none: 5 seconds, as OTP. */
    public static final Shutdown DEFAULT_WORKER_SHUTDOWN = Shutdown.after(Duration.ofMillis(5000));

    public ChildSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(modules, "modules");
        if (!isModules(modules)) {
            throw new IllegalArgumentException("modules are a list of atoms or the atom dynamic, not " + modules);
        }
    }

    /** {@return a permanent worker with OTP's defaults: shut down within 5 seconds, modules from its start} */
    public static ChildSpec worker(Term id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, DEFAULT_WORKER_SHUTDOWN, Type.WORKER, start.defaultModules());
    }

    /** {@return a permanent supervisor child with OTP's defaults: its shutdown waits as long as it takes} */
    public static ChildSpec supervisor(Term id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.INFINITY, Type.SUPERVISOR, start.defaultModules());
    }

    /** {@return this spec restarted as {@code when} says} */
    public ChildSpec withRestart(Restart when) {
        return new ChildSpec(id, start, when, shutdown, type, modules);
    }

    /** {@return this spec shut down as {@code how} says} */
    public ChildSpec withShutdown(Shutdown how) {
        return new ChildSpec(id, start, restart, how, type, modules);
    }

    /** {@return this spec with OTP's {@code modules}: a list of atoms, or {@code dynamic}} */
    public ChildSpec withModules(Term list) {
        return new ChildSpec(id, start, restart, shutdown, type, list);
    }

    /**
     * {@return the spec as {@code supervisor:get_childspec/2} gives it: {@code #{id, start, restart, significant,
     * shutdown, type, modules}}}
     */
    public ErlMap toTerm() {
        Map<Term, Term> map = new LinkedHashMap<>();
        map.put(Atom.of("id"), id);
        map.put(Atom.of("start"), start.toTerm());
        map.put(Atom.of("restart"), restart.atom());
        map.put(Atom.of("significant"), Atom.FALSE);
        map.put(Atom.of("shutdown"), shutdown.toTerm());
        map.put(Atom.of("type"), type.atom());
        map.put(Atom.of("modules"), modules);
        return new ErlMap(map);
    }

    static boolean isModules(Term modules) {
        return modules.equals(Atom.of("dynamic")) || modules instanceof Nil
                || modules instanceof ErlList list && list.isProper() && list.elements().stream().allMatch(Atom.class::isInstance);
    }

    /** When a child that ended is started again. */
    public enum Restart {
        /** Always. */
        PERMANENT,
        /** Only after an abnormal end: not after {@code normal}, {@code shutdown} or {@code {shutdown, Term}}. */
        TRANSIENT,
        /** Never: the child is forgotten once it ends. */
        TEMPORARY;

        /** {@return the atom OTP writes} */
        public Atom atom() {
            return Atom.of(name().toLowerCase(java.util.Locale.ROOT));
        }

        /** {@return the restart type {@code atom} names, if any} */
        static Optional<Restart> of(Term atom) {
            return Arrays.stream(values()).filter(r -> r.atom().equals(atom)).findFirst();
        }
    }

    /** What the child is. */
    public enum Type {
        /** Any process. */
        WORKER,
        /** A supervisor. */
        SUPERVISOR;

        /** {@return the atom OTP writes} */
        public Atom atom() {
            return Atom.of(name().toLowerCase(java.util.Locale.ROOT));
        }

        /** {@return the child type {@code atom} names, if any} */
        static Optional<Type> of(Term atom) {
            return Arrays.stream(values()).filter(t -> t.atom().equals(atom)).findFirst();
        }
    }

    /**
     * How the supervisor terminates the child: {@code exit(Child, kill)} at once ({@link #BRUTAL_KILL}), or
     * {@code exit(Child, shutdown)} and then {@code kill} if it has not ended within a time ({@link #after}), or never
     * ({@link #INFINITY}).
     */
    public sealed interface Shutdown {

        /** {@code brutal_kill}: killed at once. */
        Shutdown BRUTAL_KILL = new BrutalKill();
        /** {@code infinity}: asked to shut down, and waited for as long as it takes. */
        Shutdown INFINITY = new Infinity();

        /** {@return asked to shut down, and killed if it has not ended within {@code limit}} (whole milliseconds) */
        static Shutdown after(Duration limit) {
            return new Timeout(limit);
        }

        /** {@return the shutdown as OTP writes it} */
        Term toTerm();

        /** {@code brutal_kill}. */
        record BrutalKill() implements Shutdown {
            @Override
            public Term toTerm() {
                return Atom.of("brutal_kill");
            }
        }

        /** {@code infinity}. */
        record Infinity() implements Shutdown {
            @Override
            public Term toTerm() {
                return Atom.of("infinity");
            }
        }

        /** A time-out in milliseconds. */
        record Timeout(Duration limit) implements Shutdown {
            public Timeout {
                Objects.requireNonNull(limit, "limit");
                if (limit.isNegative()) {
                    throw new IllegalArgumentException("a negative shutdown time: " + limit);
                }
                if (limit.getNano() % 1_000_000 != 0) {
                    throw new IllegalArgumentException("a shutdown time is whole milliseconds, not " + limit);
                }
            }

            @Override
            public Term toTerm() {
                return Int.of(limit.toMillis());
            }
        }
    }
}
