package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.etf.mapping.TermMapper;
import dev.beamlink.etf.mapping.TermMappingException;
import dev.beamlink.node.SystemMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as OTP's {@code gen} sends it: {@code {Label, {From, Tag}, Request}}, with the label {@code '$gen_call'}
 * for {@code gen_server:call} and {@code system} for {@code sys}. A call to a process of another node is that tuple; to
 * one of this node it may be this record itself, when the request is not a term.
 *
 * @param label   {@code '$gen_call'} or {@code system}
 * @param from    who asks, and how to answer
 * @param request what is asked
 */
public record GenCall(Atom label, From from, Object request) {

    /** The label of a gen_server call. */
    public static final Atom GEN_CALL = Atom.of("$gen_call");
    /** The label of a sys request. */
    public static final Atom SYSTEM = Atom.of("system");

    public GenCall {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(request, "request");
    }

    /** {@return the call {@code message} is, with the label {@code '$gen_call'}, if it is one} */
    public static Optional<GenCall> of(Object message) {
        return of(message, GEN_CALL);
    }

    /** {@return the request {@code message} is, with {@code label}, if it is one} */
    public static Optional<GenCall> of(Object message, Atom label) {
        return switch (message) {
            case GenCall call when call.label.equals(label) -> Optional.of(call);
            case Tuple t when t.isTagged(label, 3) && t.get(1) instanceof Tuple from && from.size() == 2
                    && from.get(0) instanceof Pid caller -> Optional.of(new GenCall(label, new From(caller, from.get(1)), t.get(2)));
            default -> Optional.empty();
        };
    }

    /**
     * {@return the message that makes this call to a process of another node}, a request that is no term mapped by
     * {@code mapper}
     *
     * @throws IllegalArgumentException if the request is neither a term nor mapped
     */
    public Tuple toTuple(TermMapper mapper) {
        return Tuple.of(label, from.toTerm(), term(request, mapper, "a request to another node"));
    }

    /**
     * {@return {@code value} as a term: a term itself, the term a runtime message stands for, or what {@code mapper}
     * makes of a record, enum or other mapped value}
     *
     * @throws IllegalArgumentException naming {@code what} if it is none of those
     */
    static Term term(Object value, TermMapper mapper, String what) {
        return switch (value) {
            case Term term -> term;
            case SystemMessage system -> system.toTerm();
            default -> {
                try {
                    yield mapper.toTerm(value);
                } catch (TermMappingException | IllegalArgumentException notMapped) {
                    throw new IllegalArgumentException(what + " must be a term or a mapped value, not a "
                            + value.getClass().getName() + ": " + notMapped.getMessage(), notMapped);
                }
            }
        };
    }
}
