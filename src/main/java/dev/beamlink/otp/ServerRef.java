package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/**
 * How a server is named in a call, as {@code gen_server:call/2} takes it: a pid, a name registered on this node,
 * {@code {Name, Node}}, or a name in a {@link Registry} ({@code {global, Name}}, {@code {via, Module, Name}}).
 */
public sealed interface ServerRef {

    /** {@return the server as Erlang writes it, as it appears in the reasons of failed calls} */
    Term toTerm();

    /** {@return a server named by its pid} */
    static ServerRef of(Pid pid) {
        return new ByPid(pid);
    }

    /** {@return a server registered as {@code name} on the caller's node} */
    static ServerRef local(Atom name) {
        return new Local(name);
    }

    /** {@return a server registered as {@code name} on {@code node}: {@code {Name, Node}}} */
    static ServerRef remote(Atom name, Atom node) {
        return new Remote(name, node);
    }

    /** {@return a server registered as {@code name} in {@code registry}: {@code {global, Name}} for global} */
    static ServerRef via(Registry registry, Term name) {
        return new Via(registry, name);
    }

    /** A pid. */
    record ByPid(Pid pid) implements ServerRef {
        public ByPid {
            Objects.requireNonNull(pid, "pid");
        }

        @Override
        public Term toTerm() {
            return pid;
        }
    }

    /** A name registered on the caller's node. */
    record Local(Atom name) implements ServerRef {
        public Local {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Term toTerm() {
            return name;
        }
    }

    /** {@code {Name, Node}}: a name registered on {@code node} (which may be the caller's own). */
    record Remote(Atom name, Atom node) implements ServerRef {
        public Remote {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(node, "node");
        }

        @Override
        public Term toTerm() {
            return Tuple.of(name, node);
        }
    }

    /** A name in a registry: {@code {global, Name}}, {@code {via, Module, Name}}. */
    record Via(Registry registry, Term name) implements ServerRef {
        public Via {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Term toTerm() {
            return registry.refTerm(name);
        }
    }
}
