package dev.beamlink.otp;

import dev.beamlink.etf.Ref;
import java.util.Objects;

/**
 * An asynchronous request in flight ({@code gen_server:send_request/2}): the monitor on the server, whose reference is
 * also the alias the answer comes through.
 *
 * @param ref the monitor's reference and the reply's alias
 */
public record RequestId(Ref ref) {

    public RequestId {
        Objects.requireNonNull(ref, "ref");
    }
}
