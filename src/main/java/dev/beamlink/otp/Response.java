package dev.beamlink.otp;

import dev.beamlink.etf.Term;
import java.util.Objects;

/**
 * The answer to an asynchronous request ({@link GenServer#sendRequest}): {@code {reply, Reply}}, or
 * {@code {error, {Reason, ServerRef}}} when the server went down (or could not be found) before it answered.
 */
public sealed interface Response {

    /** {@code {reply, Reply}}. */
    record Reply(Object value) implements Response {
        public Reply {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code {error, {Reason, ServerRef}}}: the server ended with {@code reason}, or was not there ({@code noproc}). */
    record Failed(Term reason, Term server) implements Response {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(server, "server");
        }
    }
}
