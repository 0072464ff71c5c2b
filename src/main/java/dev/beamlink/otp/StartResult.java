package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangExit;
import java.util.Objects;

/**
 * What starting a process under OTP's conventions gives: {@code {ok, Pid}} (with the monitor's reference for
 * {@code start_monitor}), {@code ignore}, or {@code {error, Reason}}. It is also what a supervisor's child start
 * function returns.
 */
public sealed interface StartResult {

    /** {@return the result as Erlang writes it} */
    Term toTerm();

    /**
     * {@return the started process} @throws ErlangExit {@code ignore} or the error's reason if it did not start, as
     * a {@code {ok, Pid} = gen_server:start_link(...)} match fails in Erlang
     */
    default Pid pid() {
        return switch (this) {
            case Ok ok -> ok.pid();
            case Ignore ignore -> throw new ErlangExit(Atom.of("ignore"), "the process did not start: ignore");
            case Error error -> throw new ErlangExit(error.reason(), "the process did not start: " + error.reason());
        };
    }

    /** {@code {ok, Pid}}, or {@code {ok, {Pid, Mon}}} when started with a monitor. */
    record Ok(Pid pid, Ref monitor) implements StartResult {
        public Ok {
            Objects.requireNonNull(pid, "pid");
        }

        @Override
        public Term toTerm() {
            return Tuple.of(Atom.of("ok"), monitor == null ? pid : Tuple.of(pid, monitor));
        }
    }

    /** {@code ignore}. */
    record Ignore() implements StartResult {
        @Override
        public Term toTerm() {
            return Atom.of("ignore");
        }
    }

    /** {@code {error, Reason}}. */
    record Error(Term reason) implements StartResult {
        public Error {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Term toTerm() {
            return Tuple.of(Atom.of("error"), reason);
        }
    }
}
