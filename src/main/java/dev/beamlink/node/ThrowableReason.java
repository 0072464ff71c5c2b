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
 * A {@link ProcessError} gives {@code {Reason, Stack}}, as {@code erlang:error(Reason)} does.
 */
final class ThrowableReason {

    /** The most stack frames a reason carries. */
    static final int MAX_FRAMES = 10;

    private static final Atom FILE = Atom.of("file");
    private static final Atom LINE = Atom.of("line");
    private static final Int ARITY_UNKNOWN = Int.of(0);

    private ThrowableReason() {
    }

    /** {@return the exit reason for a body that threw {@code thrown}} */
    static Term of(Throwable thrown) {
        Term error = thrown instanceof ProcessError e
                ? e.reason()
                : Tuple.of(Atom.of(truncate(thrown.getClass().getName())),
                           Binary.ofUtf8(thrown.getMessage() == null ? "" : thrown.getMessage()));
        return Tuple.of(error, stack(thrown.getStackTrace()));
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
