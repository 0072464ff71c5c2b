package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Supervisor} starts a child: the {@code start} of OTP's child spec. A Java supervisor runs a Java start
 * function ({@link #java}) or starts a process on an Erlang node with a remote {@code spawn_link} ({@link #remote}); an
 * Erlang start function ({@link #mfa}) is for a supervisor on an Erlang node, which applies it itself.
 */
public sealed interface ChildStart {

    /**
     * A Java start function: runs in the supervisor's process and starts a process linked to it, as an OTP start
     * function does ({@code GenServer.startLink(supervisor, new Worker())}).
     */
    @FunctionalInterface
    interface StartFunction {
        /**
         * {@return {@code {ok, Pid}} for a child linked to {@code supervisor}, {@code ignore}, or {@code {error, Reason}}}
         * An exception is a failed start, {@code {error, {'EXIT', Reason}}}, as OTP's {@code catch apply(M, F, A)} makes it.
         *
         * @param supervisor the supervisor's own mailbox: link the child to it
         */
        StartResult start(Mailbox supervisor) throws Exception;
    }

    /** {@return the start as OTP writes it in a child spec: {@code {M, F, A}}} */
    Term toTerm();

    /** {@return the {@code modules} of a child spec that names none: OTP's {@code [M]}} */
    Term defaultModules();

    /**
     * {@return a Java start function called {@code name}} The name is how Erlang sees the start: {@code {Name,
     * start_link, []}} in reports and {@code get_childspec}, and {@code [Name]} as its modules; the class of the child's
     * behaviour is a good one.
     */
    static ChildStart java(String name, StartFunction function) {
        return new Java(name, function);
    }

    /**
     * {@return a process running {@code module:function(args...)} on {@code node}, started with {@code spawn_link}}
     * It is linked to the supervisor from its first moment; a node that cannot be reached makes it end at once with
     * {@code noconnection}, which the supervisor treats as any other exit of a child. Erlang writes it
     * {@code {erlang, spawn_link, [Node, Module, Function, Args]}}.
     */
    static ChildStart remote(Atom node, Atom module, Atom function, List<? extends Term> args) {
        return new Remote(node, module, function, List.copyOf(args));
    }

    /**
     * {@return an Erlang start function {@code module:function(args...)}, returning {@code {ok, Pid}}} Only a
     * supervisor on an Erlang node can apply it; a Java supervisor answers as an Erlang one on a node without the
     * module does ({@code {'EXIT', {undef, [{M, F, A, []}]}}}), unless it is {@code erlang:spawn_link/4}, which is
     * {@link #remote}.
     */
    static ChildStart mfa(Atom module, Atom function, List<? extends Term> args) {
        return new Mfa(module, function, List.copyOf(args));
    }

    /** A Java start function. */
    record Java(String name, StartFunction function) implements ChildStart {
        public Java {
            Atom.of(Objects.requireNonNull(name, "name")); // an atom to Erlang: refused now if it cannot be one
            Objects.requireNonNull(function, "function");
        }

        @Override
        public Term toTerm() {
            return Tuple.of(Atom.of(name), Atom.of("start_link"), ErlList.from(List.of()));
        }

        @Override
        public Term defaultModules() {
            return ErlList.of(Atom.of(name));
        }
    }

    /** {@code spawn_link(Node, Module, Function, Args)}. */
    record Remote(Atom node, Atom module, Atom function, List<Term> args) implements ChildStart {
        public Remote {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
        }

        @Override
        public Term toTerm() {
            return Tuple.of(Atom.of("erlang"), Atom.of("spawn_link"), ErlList.of(node, module, function, ErlList.from(args)));
        }

        /** {@return {@code [Module]}: the module the child runs (OTP's default would be {@code [erlang]})} */
        @Override
        public Term defaultModules() {
            return ErlList.of(module);
        }
    }

    /** An Erlang start function, {@code {M, F, A}}, for a supervisor on an Erlang node. */
    record Mfa(Atom module, Atom function, List<Term> args) implements ChildStart {
        public Mfa {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
        }

        @Override
        public Term toTerm() {
            return Tuple.of(module, function, ErlList.from(args));
        }

        @Override
        public Term defaultModules() {
            return ErlList.of(module);
        }
    }
}
