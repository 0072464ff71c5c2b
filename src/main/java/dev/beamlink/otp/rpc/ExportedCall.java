package dev.beamlink.otp.rpc;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Mailbox;
import java.util.List;
import java.util.Objects;

/**
 * One call of an {@link ExportedFunction}: the arguments, and the processes involved.
 *
 * @param self     the process running the function, of its own (an {@code erpc} call's process, a process started by
 *                 {@code spawn/4}, a worker of {@code rex}): it may receive, link, monitor, and become a server
 * @param caller   the process that asked: the caller of {@code erpc:call} or {@code rpc:call}, or the process that
 *                 spawned this one, which a {@code spawn_link} has linked to {@code self} already
 * @param module   the module called
 * @param function the function called
 * @param args     the arguments, as many as the function's arity
 */
public record ExportedCall(Mailbox self, Pid caller, Atom module, Atom function, List<Term> args) {

    public ExportedCall {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
    }

    /** {@return the argument at {@code index}, from 0} */
    public Term arg(int index) {
        return args.get(index);
    }
}
