package dev.beamlink.otp.kernel;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessBody;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group leader of the processes this node starts on other nodes ({@code Mailbox.spawnLink(node, ...)}): an
 * Erlang I/O server (the I/O protocol of OTP's stdlib) that logs what they print and answers every request, so
 * that {@code io:format/2} in such a process returns rather than waiting for ever. Text comes as characters
 * ({@code put_chars}) or as a call to format it ({@code io_lib:format(Format, Args)}), which is logged as the call:
 * a Java node runs no Erlang code. Input requests are answered {@code {error, enotsup}}.
 */
public final class IoServer implements ProcessBody {

    private static final Logger LOG = LoggerFactory.getLogger(IoServer.class);

    private static final Atom IO_REQUEST = Atom.of("io_request");
    private static final Atom IO_REPLY = Atom.of("io_reply");
    private static final Atom PUT_CHARS = Atom.of("put_chars");
    private static final Atom REQUESTS = Atom.of("requests");
    private static final Atom OK = Atom.of("ok");
    private static final Term NOT_SUPPORTED = Tuple.of(Atom.of("error"), Atom.of("enotsup"));

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
    private static Term answer(Pid from, Term request) {
        if (request instanceof Tuple t && t.isTagged(REQUESTS, 2) && t.get(1) instanceof ErlList list) {
            Term last = OK;
            for (Term each : list.elements()) {
                last = answer(from, each);
            }
            return last;
        }
        if (request instanceof Tuple t && t.size() >= 2 && t.get(0).equals(PUT_CHARS)) {
            LOG.info("{}: {}", from, text(t));
            return OK;
        }
        return NOT_SUPPORTED;
    }

    /** {@code {put_chars, Chars}}, {@code {put_chars, Encoding, Chars}} or {@code {put_chars, Encoding, M, F, A}}. */
    private static String text(Tuple putChars) {
        return switch (putChars.size()) {
            case 2 -> chars(putChars.get(1));
            case 3 -> chars(putChars.get(2));
            case 5 -> putChars.get(2) + ":" + putChars.get(3) + "(" + args(putChars.get(4)) + ")";
            default -> putChars.toString();
        };
    }

    private static String args(Term args) {
        if (args instanceof ErlList list) {
            List<String> printed = new ArrayList<>();
            list.elements().forEach(arg -> printed.add(arg.toString()));
            return String.join(", ", printed);
        }
        return "";
    }

    /** Characters as the I/O protocol sends them: a binary (UTF-8) or a deep list of code points and binaries. */
    private static String chars(Term chars) {
        StringBuilder out = new StringBuilder();
        appendChars(chars, out);
        return out.toString().stripTrailing();
    }

    private static void appendChars(Term chars, StringBuilder out) {
        switch (chars) {
            case Binary binary -> out.append(new String(binary.toByteArray(), StandardCharsets.UTF_8));
            case Int code -> out.appendCodePoint((int) code.value());
            case ErlList list -> list.elements().forEach(element -> appendChars(element, out));
            default -> out.append(chars);
        }
    }
}
