package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The exit reason of a process whose body threw: what was thrown, where and why, shaped as an Erlang
 * error reason {@code {Error, Stack}} so that erl's logger prints it well:
 * {@code {{'java.lang.IllegalStateException', <<"message">>}, [{'com.example.Foo', bar, 0, [{file, "Foo.java"}, {line, 42}]}, ...]}}.
 * An {@link ErlangException} ends the process as its Erlang class would: an {@link ErlangError} gives
 * {@code {Reason, Stack}} (the stack an Erlang node reported, if it came from one), an {@link ErlangExit} its reason
 * alone, an {@link ErlangThrow} {@code {{nocatch, Value}, Stack}}.
 */
final class ThrowableReason {

    /** The most stack frames a reason carries. */
    static final int MAX_FRAMES = 10;

    private static final Atom FILE = Atom.of("file");
    private static final Atom LINE = Atom.of("line");
    private static final Atom NOCATCH = Atom.of("nocatch");
    private static final Int ARITY_UNKNOWN = Int.of(0);

    private ThrowableReason() {
    }

    /** {@return the exit reason for a body that threw {@code thrown}} */
    static Term of(Throwable thrown) {
        return switch (thrown) {
            case ErlangExit exit -> exit.reason();
            case ErlangError error -> Tuple.of(error.reason(), error.erlangStack().orElseGet(() -> stack(thrown.getStackTrace())));
            case ErlangThrow uncaught -> Tuple.of(Tuple.of(NOCATCH, uncaught.reason()),
                    uncaught.erlangStack().orElseGet(() -> stack(thrown.getStackTrace())));
            default -> Tuple.of(Tuple.of(Atom.of(truncate(thrown.getClass().getName())),
                            Binary.ofUtf8(thrown.getMessage() == null ? "" : thrown.getMessage())),
                    stack(thrown.getStackTrace()));
        };
    }

    private static Term stack(StackTraceElement[] frames) {
        List<Term> out = new ArrayList<>(Math.min(frames.length, MAX_FRAMES));
        for (int i = 0; i < frames.length && i < MAX_FRAMES; i++) {
            StackTraceElement frame = frames[i];
            List<Term> location = new ArrayList<>(2);
            if (frame.getFileName() != null) {
                location.add(Tuple.of(FILE, ErlList.ofString(frame.getFileName())));
            }
            if (frame.getLineNumber() > 0) {
                location.add(Tuple.of(LINE, Int.of(frame.getLineNumber())));
            }
            out.add(Tuple.of(Atom.of(truncate(frame.getClassName())), Atom.of(truncate(frame.getMethodName())),
                    ARITY_UNKNOWN, location.isEmpty() ? Nil.NIL : ErlList.from(location)));
        }
        return ErlList.from(out);
    }

    /** Atoms hold at most 255 characters; a longer class name keeps its end, which says the most. */
    private static String truncate(String name) {
        return name.codePointCount(0, name.length()) <= Atom.MAX_CHARACTERS
                ? name : name.substring(name.length() - Atom.MAX_CHARACTERS);
    }
}
