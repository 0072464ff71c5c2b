package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link GenServer} starts, as the options of {@code gen_server:start/4} say: a name to register it under
 * ({@code {local, Name}}, {@code {global, Name}}, {@code {via, Module, Name}}), and how long {@code init} may take.
 * Immutable.
 *
 * @param name    where to register the server, or null for none: a {@link ServerRef.Local} or {@link ServerRef.Via}
 * @param timeout how long the starter waits for {@code init} ({@code {timeout, T}}); past it the server is killed and
 *                the start fails with {@code timeout}
 */
public record StartOptions(ServerRef name, Duration timeout) {

    /** No name, and no limit on {@code init}. */
    public static final StartOptions DEFAULTS = new StartOptions(null, Gen.INFINITY);

    public StartOptions {
        if (name != null && !(name instanceof ServerRef.Local) && !(name instanceof ServerRef.Via)) {
            throw new IllegalArgumentException("a server is registered locally or in a registry, not as " + name);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a negative time-out: " + timeout);
        }
    }

    /** {@return these options with the server registered as {@code name} on its node ({@code {local, Name}})} */
    public StartOptions local(Atom localName) {
        return new StartOptions(ServerRef.local(localName), timeout);
    }

    /** {@return these options with the server registered as {@code name} in {@code registry} ({@code {global, Name}}, {@code {via, M, Name}})} */
    public StartOptions via(Registry registry, Term registeredName) {
        return new StartOptions(ServerRef.via(registry, registeredName), timeout);
    }

    /** {@return these options with {@code init} limited to {@code limit}} */
    public StartOptions timeout(Duration limit) {
        return new StartOptions(name, limit);
    }

    /** {@return the name, if any} */
    public Optional<ServerRef> registeredAs() {
        return Optional.ofNullable(name);
    }
}
