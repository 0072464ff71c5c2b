package dev.beamlink.otp;

import dev.beamlink.etf.Ref;
import java.util.Objects;

/**
 * A call in flight ({@code erpc:send_request/4}): the spawn request of the process running it, whose id is also the
 * monitor's reference, and the reference its exit reason carries.
 *
 * @param reqId the spawn request's id and the monitor's reference
 * @param res   the reference the outcome carries ({@code {Res, return, Value}} ...)
 */
public record ErpcRequest(Ref reqId, Ref res) {

    public ErpcRequest {
        Objects.requireNonNull(reqId, "reqId");
        Objects.requireNonNull(res, "res");
    }
}
