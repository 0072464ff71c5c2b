package dev.beamlink.otp;

import dev.beamlink.etf.Term;
import java.util.Objects;

/**
 * A reply {@code {Tag, Reply}} whose reply is not a term: how a server answers a caller of its own node with any Java
 * object (a reply to another node is the tuple itself).
 *
 * @param tag   the caller's tag
 * @param reply the reply
 */
record GenReply(Term tag, Object reply) {

    GenReply {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(reply, "reply");
    }
}
