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
 * Who made a call, and how to answer: the {@code {Pid, Tag}} of OTP's {@code {'$gen_call', From, Request}}. A reply
 * is {@code {Tag, Reply}}, sent as {@code gen:reply/2} sends it: to the alias when the tag is {@code [alias|Alias]}
 * or {@code [[alias|Alias]|_]} (an OTP 24+ caller made its monitor reference an alias, so that a reply after it gave up
 * is dropped), else to the pid.
 *
 * @param pid the caller
 * @param tag what the reply carries back: a reference, or {@code [alias|Ref]}
 */
public record From(Pid pid, Term tag) {

    private static final Atom ALIAS = Atom.of("alias");

    public From {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(tag, "tag");
    }

    /** {@return the tag {@code [alias|Alias]} of a call whose reply is to come through {@code alias}} */
    public static Term aliasTag(Ref alias) {
        return new ErlList(List.of(ALIAS), alias);
    }

    /** {@return {@code {Pid, Tag}}} */
    public Tuple toTerm() {
        return Tuple.of(pid, tag);
    }

    /**
     * {@return the alias the reply goes to, if the tag names one} Only the two shapes gen:reply/2 knows are read:
     * {@code [alias|Alias]} and {@code [[alias|Alias]|_]}; a tag of any other shape, however deep, is a plain tag.
     */
    public Optional<Ref> alias() {
        return aliasIn(tag).or(() -> tag instanceof ErlList list && !list.elements().isEmpty()
                ? aliasIn(list.elements().getFirst()) : Optional.empty());
    }

    private static Optional<Ref> aliasIn(Term tag) {
        if (tag instanceof ErlList list && list.elements().size() == 1 && list.elements().getFirst().equals(ALIAS)
                && list.tail() instanceof Ref alias) {
            return Optional.of(alias);
        }
        return Optional.empty();
    }

    /**
     * Answers the call from {@code self}: {@code {Tag, Reply}} to the alias or the pid ({@code gen:reply/2}). A reply
     * to a process of another node must be a term; to one of this node it may be any object, and then goes as a
     * {@link GenReply} (the caller reads both).
     */
    public void reply(Mailbox self, Object reply) {
        Objects.requireNonNull(reply, "reply");
        Optional<Ref> alias = alias();
        boolean local = pid.node().equals(self.node().name());
        Object message = local && !(reply instanceof Term) ? new GenReply(tag, reply)
                : Tuple.of(tag, GenCall.term(reply, self.node().termMapper(), "a reply to " + pid));
        if (alias.isPresent()) {
            self.send(alias.get(), message);
        } else {
            self.send(pid, message);
        }
    }
}
