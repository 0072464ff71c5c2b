package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code gen:call} request as OTP's {@code gen} module sends it, {@code {'$gen_call', {From, Tag}, Request}},
 * and the way to answer it as {@code gen:reply/2} does: to the alias when the tag is {@code [alias|Ref]} (OTP 24+
 * callers make their monitor reference an alias, so that a late reply is dropped), else to {@code From}.
 *
 * @param from    the caller
 * @param tag     the tag to put in the reply: a reference, or {@code [alias|Ref]}
 * @param request what is asked
 */
public record GenCall(Pid from, Term tag, Term request) {

    /** The first element of a call message. */
    public static final Atom GEN_CALL = Atom.of("$gen_call");
    private static final Atom ALIAS = Atom.of("alias");

    public GenCall {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(request, "request");
    }

    /** {@return the call {@code message} is, if it is one} */
    public static Optional<GenCall> of(Object message) {
        if (message instanceof Tuple call && call.isTagged(GEN_CALL, 3)
                && call.get(1) instanceof Tuple from && from.size() == 2 && from.get(0) instanceof Pid caller) {
            return Optional.of(new GenCall(caller, from.get(1), call.get(2)));
        }
        return Optional.empty();
    }

    /** {@return the message that makes this call} */
    public Tuple toMessage() {
        return Tuple.of(GEN_CALL, Tuple.of(from, tag), request);
    }

    /** {@return the tag {@code [alias|Ref]} of a call whose reply is to come through the alias {@code alias}} */
    public static Term aliasTag(Ref alias) {
        return new ErlList(List.of(ALIAS), alias);
    }

    /** {@return the alias of an {@code [alias|Ref]} tag (or of {@code [[alias|Ref]|_]}), if it is one} */
    public static Optional<Ref> aliasOf(Term tag) {
        if (tag instanceof ErlList list && list.elements().getFirst().equals(ALIAS) && list.elements().size() == 1
                && list.tail() instanceof Ref alias) {
            return Optional.of(alias);
        }
        if (tag instanceof ErlList list && list.elements().getFirst() instanceof ErlList inner) {
            return aliasOf(inner);
        }
        return Optional.empty();
    }

    /** Answers the call from {@code self} with {@code reply}: {@code {Tag, Reply}}, as {@code gen:reply/2} sends it. */
    public void reply(Mailbox self, Term reply) {
        Tuple message = Tuple.of(tag, reply);
        Optional<Ref> alias = aliasOf(tag);
        if (alias.isPresent()) {
            self.send(alias.get(), message);
        } else {
            self.send(from, message);
        }
    }
}
