package dev.beamlink.otp;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import java.util.Optional;

/**
 * A registry of process names other than the node's own: OTP's {@code {via, Module, Name}}, of which
 * {@code {global, Name}} is the best known ({@link dev.beamlink.global.Global} is one). A server can be registered in
 * one when it starts, and called through it by name.
 */
public interface Registry {

    /** {@return the process registered as {@code name}, if any} ({@code Module:whereis_name/1}) */
    Optional<Pid> whereis(Term name);

    /** Registers {@code pid} as {@code name}. {@return false if the name is taken} ({@code Module:register_name/2}) */
    boolean register(Term name, Pid pid);

    /** Removes the name, if registered. ({@code Module:unregister_name/1}) */
    void unregister(Term name);

    /** {@return how a server registered here as {@code name} is written in Erlang: {@code {global, Name}} or {@code {via, Module, Name}}} */
    Term refTerm(Term name);
}
