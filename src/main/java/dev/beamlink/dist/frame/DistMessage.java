package dev.beamlink.dist.frame;

import dev.beamlink.etf.Term;
import java.util.Objects;

/**
 * The terms of one distribution frame: the control message and the term that follows it, if any
 * (erl_dist_protocol, "Protocol between Connected Nodes": ControlMessage, then Message).
 *
 * @param control the control message, a tuple on every well-formed frame
 * @param payload the message, exit reason or argument list after it, or null when the frame has none
 */
public record DistMessage(Term control, Term payload) {

    public DistMessage {
        Objects.requireNonNull(control, "control");
    }
}
