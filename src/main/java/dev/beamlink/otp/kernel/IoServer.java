package dev.beamlink.otp.kernel;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessBody;
import dev.beamlink.node.ProcessEnded;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's I/O server, registered as {@code user}, and the group leader of the processes this node starts on other
 * nodes ({@code Mailbox.spawnLink(node, ...)}): an Erlang I/O server (the I/O protocol of OTP's stdlib) that logs what
 * they print and answers every request, as OTP's {@code group.erl} answers, so that {@code io:format/2} in such a
 * process returns rather than waiting for ever. Text comes as characters ({@code put_chars}) or as a call to format it
 * ({@code io_lib:format(Format, Args)}), which is logged as the call: a Java node runs no Erlang code. Characters that
 * are no text (a code point that does not exist, a binary that is not UTF-8) are answered
 * {@code {error, {put_chars, Encoding, Chars}}}, an unknown request {@code {error, request}}, an input request
 * {@code {error, enotsup}}.
 *
 * <p>Whatever a peer sends it, it lives on: characters and nested {@code requests} are read on an explicit stack, as
 * deep as they come, and a request that fails in any other way is logged and answered {@code {error, request}}.
 */
public final class IoServer implements ProcessBody {

    /** The registered name: OTP's I/O server of a node. */
    public static final Atom NAME = Atom.of("user");

    private static final Logger LOG = LoggerFactory.getLogger(IoServer.class);

    private static final Atom IO_REQUEST = Atom.of("io_request");
    private static final Atom IO_REPLY = Atom.of("io_reply");
    private static final Atom PUT_CHARS = Atom.of("put_chars");
    private static final Atom REQUESTS = Atom.of("requests");
    private static final Atom UNICODE = Atom.of("unicode");
    private static final Atom LATIN1 = Atom.of("latin1");
    private static final Atom OK = Atom.of("ok");
    private static final Atom ERROR = Atom.of("error");
    private static final Term NOT_SUPPORTED = Tuple.of(ERROR, Atom.of("enotsup"));
    private static final Term UNKNOWN_REQUEST = Tuple.of(ERROR, Atom.of("request"));
    private static final List<Atom> INPUT_REQUESTS = List.of(Atom.of("get_chars"), Atom.of("get_line"),
            Atom.of("get_until"), Atom.of("get_password"), Atom.of("get_geometry"), Atom.of("getopts"),
            Atom.of("setopts"));

    @Override
    public void run(Mailbox self) {
        while (true) {
            if (self.receive() instanceof Tuple request && request.isTagged(IO_REQUEST, 4)
                    && request.get(1) instanceof Pid from) {
                self.send(from, Tuple.of(IO_REPLY, request.get(2), answer(from, request.get(3))));
            }
        }
    }

    /** {@return the reply to one I/O request from {@code from}}, logging what it prints */
    static Term answer(Pid from, Term request) {
        try {
            return answerAll(from, request);
        } catch (ProcessEnded ended) {
            throw ended;
        } catch (RuntimeException e) {
            LOG.warn("{}: an I/O request failed: {}", from, e.toString());
            return UNKNOWN_REQUEST;
        }
    }

    /**
     * {@code {requests, Requests}} are done in order, nested ones too, while each answers {@code ok} (group.erl's
     * {@code io_requests/5}); {@return the last answer}
     */
    private static Term answerAll(Pid from, Term request) {
        Deque<Term> pending = new ArrayDeque<>();
        pending.push(request);
        Term last = OK;
        while (!pending.isEmpty()) {
            Term next = pending.pop();
            if (next instanceof Tuple t && t.isTagged(REQUESTS, 2)) {
                List<Term> inner = t.get(1) instanceof ErlList list && list.isProper() ? list.elements()
                        : t.get(1) instanceof Nil ? List.of() : null;
                if (inner == null) {
                    return UNKNOWN_REQUEST;
                }
                for (int i = inner.size() - 1; i >= 0; i--) {
                    pending.push(inner.get(i));
                }
                continue;
            }
            last = answerOne(from, next);
            if (!last.equals(OK)) {
                return last;
            }
        }
        return last;
    }

    private static Term answerOne(Pid from, Term request) {
        if (!(request instanceof Tuple t) || t.size() < 2) {
            return request instanceof Atom atom && INPUT_REQUESTS.contains(atom) ? NOT_SUPPORTED : UNKNOWN_REQUEST;
        }
        if (INPUT_REQUESTS.contains(t.get(0))) {
            return NOT_SUPPORTED;
        }
        if (!t.get(0).equals(PUT_CHARS)) {
            return UNKNOWN_REQUEST;
        }
        switch (t.size()) {
            case 2, 3 -> {
                // {put_chars, Chars} (latin1, from before R13) or {put_chars, Encoding, Chars}
                Term encoding = t.size() == 2 ? LATIN1 : t.get(1);
                Term chars = t.get(t.size() - 1);
                if (!encoding.equals(UNICODE) && !encoding.equals(LATIN1)) {
                    return UNKNOWN_REQUEST;
                }
                Optional<String> text = text(chars, encoding.equals(LATIN1));
                if (text.isEmpty()) {
                    return Tuple.of(ERROR, Tuple.of(PUT_CHARS, encoding, chars));
                }
                LOG.info("{}: {}", from, text.get().stripTrailing());
                return OK;
            }
            case 4, 5 -> {
                // {put_chars, M, F, A} or {put_chars, Encoding, M, F, A}: logged as the call, which only erl can make
                int at = t.size() - 3;
                LOG.info("{}: {}:{}({})", from, t.get(at), t.get(at + 1), args(t.get(at + 2)));
                return OK;
            }
            default -> {
                return UNKNOWN_REQUEST;
            }
        }
    }

    private static String args(Term args) {
        if (args instanceof ErlList list && list.isProper()) {
            List<String> printed = new ArrayList<>();
            list.elements().forEach(arg -> printed.add(arg.toString()));
            return String.join(", ", printed);
        }
        return args.toString();
    }

    /**
     * {@return the text of chardata, as {@code unicode:characters_to_binary/2} reads it}: code points (up to 255 for
     * {@code latin1}), binaries (UTF-8 for {@code unicode}, a byte a character for {@code latin1}), and lists of them
     * as deep as they come, a binary as a list's tail too; empty if it is no text
     */
    static Optional<String> text(Term chars, boolean latin1) {
        StringBuilder out = new StringBuilder();
        Deque<Term> pending = new ArrayDeque<>();
        pending.push(chars);
        while (!pending.isEmpty()) {
            switch (pending.pop()) {
                case Int(long code) -> {
                    if (code < 0 || code > (latin1 ? 0xFF : Character.MAX_CODE_POINT)
                            || (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)) {
                        return Optional.empty();
                    }
                    out.appendCodePoint((int) code);
                }
                case Binary binary -> {
                    if (!appendBinary(binary, latin1, out)) {
                        return Optional.empty();
                    }
                }
                case Nil nil -> {
                }
                case ErlList list -> {
                    Term tail = list.tail();
                    if (!(tail instanceof Nil) && !(tail instanceof Binary)) {
                        return Optional.empty();
                    }
                    pending.push(tail);
                    List<Term> elements = list.elements();
                    for (int i = elements.size() - 1; i >= 0; i--) {
                        pending.push(elements.get(i));
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out.toString());
    }

    private static boolean appendBinary(Binary binary, boolean latin1, StringBuilder out) {
        byte[] bytes = binary.toByteArray();
        if (latin1) {
            out.append(new String(bytes, StandardCharsets.ISO_8859_1));
            return true;
        }
        try {
            out.append(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }
}
