package dev.beamlink.etf;

import static dev.beamlink.etf.EtfTags.*;

import java.math.BigInteger;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One encoding: writes a term into a byte array by index (plain stores: no per-byte calls), on an explicit stack, as
 * {@code term_to_binary(T, [{minor_version, 2}])} does on OTP 25. {@link #size} first gives an upper
 * bound of the bytes (exact without an atom cache), so that the target is sized once.
 * Not thread-safe: {@link EtfEncoder} makes one per call.
 */
final class TermWriter {

    /** OTP writes maps of up to this many keys as flatmaps, their keys in map-key order. */
    static final int FLATMAP_MAX_KEYS = 32;
    /** The most elements of a STRING_EXT. */
    static final int STRING_EXT_MAX = 0xFFFF;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] out;
    private final OutgoingAtomCache atomCache;
    private final int spliceThreshold;
    private final List<Splice> splices;
    private int pos;

    /**
     * @param spliceThreshold binaries of at least this many bytes are not written but recorded as
     *                        {@link #splices()} after their header (0: write every binary)
     */
    TermWriter(byte[] out, int pos, OutgoingAtomCache atomCache, int spliceThreshold) {
        this.out = out;
        this.pos = pos;
        this.atomCache = atomCache;
        this.spliceThreshold = spliceThreshold;
        this.splices = spliceThreshold > 0 ? new ArrayList<>() : List.of();
    }

    /** A binary whose bytes belong at {@link #position()} in the output, left out of it. */
    record Splice(int position, Binary binary) {
    }

    int position() {
        return pos;
    }

    List<Splice> splices() {
        return splices;
    }

    // ---------------------------------------------------------------- size

    /**
     * {@return the encoded size of {@code root} without the version byte: exact when atoms are written
     * in full, an upper bound when an atom cache replaces some} Binaries of at least
     * {@code spliceThreshold} bytes (when positive) count only their header.
     *
     * @throws IllegalArgumentException if the term cannot be encoded (NaN, an unpaired surrogate ...)
     */
    static long size(Term root, int spliceThreshold) {
        Term[] stack = new Term[16];
        int top = 0;
        stack[top++] = root;
        long size = 0;
        while (top > 0) {
            Term term = stack[--top];
            switch (term) {
                case Atom atom -> size += atomSize(atom);
                case Int(long v) -> size += intSize(v);
                case BigInt(BigInteger v) -> {
                    int n = magnitudeBytes(v);
                    size += n <= 255 ? 3 + n : 6L + n;
                }
                case ErlFloat(double v) -> {
                    checkFinite(v);
                    size += 9;
                }
                case Binary b -> size += 5 + (spliceThreshold > 0 && b.size() >= spliceThreshold ? 0 : b.size());
                case BitString b -> size += 6 + b.byteSize();
                case Nil nil -> size += 1;
                case Tuple(List<Term> elements) -> {
                    size += elements.size() <= 255 ? 2 : 5;
                    for (int i = 0, n = elements.size(); i < n; i++) {
                        Term element = elements.get(i);
                        long leaf = leafSize(element);
                        if (leaf >= 0) {
                            size += leaf;
                        } else {
                            stack = push(stack, top++, element);
                        }
                    }
                }
                case ErlList list -> {
                    List<Term> elements = list.elements();
                    int n = elements.size();
                    if (isByteString(list)) {
                        size += 3 + n;
                    } else {
                        size += 5;
                        for (int i = 0; i < n; i++) {
                            Term element = elements.get(i);
                            long leaf = leafSize(element);
                            if (leaf >= 0) {
                                size += leaf;
                            } else {
                                stack = push(stack, top++, element);
                            }
                        }
                        stack = push(stack, top++, list.tail());
                    }
                }
                case ErlMap(Map<Term, Term> entries) -> {
                    size += 5;
                    for (Map.Entry<Term, Term> e : entries.entrySet()) {
                        stack = push(stack, top++, e.getKey());
                        stack = push(stack, top++, e.getValue());
                    }
                }
                case Pid pid -> size += 13 + atomSize(pid.node());
                case Port port -> size += 1 + atomSize(port.node()) + (port.id() >>> 32 == 0 ? 8 : 12);
                case Ref ref -> size += 7 + atomSize(ref.node()) + 4L * ref.idCount();
                case Fun fun -> {
                    size += 30 + atomSize(fun.module()) + funIntSize(fun.oldIndex()) + funIntSize(fun.oldUniq())
                            + 13 + atomSize(fun.pid().node());
                    stack = pushAll(stack, top, fun.freeVars());
                    top += fun.freeVars().size();
                }
                case ExternalFun(Atom module, Atom function, int arity) ->
                        size += 3 + atomSize(module) + atomSize(function);
            }
        }
        return size;
    }

    /** {@return the size of a common leaf term, or -1 for any other term} */
    private static long leafSize(Term term) {
        if (term instanceof Int(long v)) {
            return intSize(v);
        } else if (term instanceof Atom atom) {
            return atomSize(atom);
        } else if (term instanceof ErlFloat(double v)) {
            checkFinite(v);
            return 9;
        }
        return -1;
    }

    private static Term[] push(Term[] stack, int top, Term term) {
        if (top == stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
        }
        stack[top] = term;
        return stack;
    }

    private static Term[] pushAll(Term[] stack, int top, List<Term> terms) {
        int n = terms.size();
        if (top + n > stack.length) {
            stack = Arrays.copyOf(stack, Math.max(stack.length * 2, top + n));
        }
        for (int i = 0; i < n; i++) {
            stack[top + i] = terms.get(i);
        }
        return stack;
    }

    private static int intSize(long v) {
        if (v >= 0 && v <= 255) {
            return 2;
        }
        if (v == (int) v) {
            return 5;
        }
        long magnitude = v < 0 ? -v : v; // Long.MIN_VALUE stays negative: 8 bytes, as below
        return 3 + (Long.BYTES - Long.numberOfLeadingZeros(magnitude) / 8);
    }

    private static int funIntSize(int v) {
        return v >= 0 && v <= 255 ? 2 : 5;
    }

    private static int magnitudeBytes(BigInteger v) {
        return (v.abs().bitLength() + 7) / 8;
    }

    private static int atomSize(Atom atom) {
        int n = utf8Length(atom.text());
        return n <= 255 ? 2 + n : 3 + n;
    }

    private static void checkFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot encode the float " + v + ": Erlang floats are finite");
        }
    }

    /** {@return the UTF-8 length of {@code text}} @throws IllegalArgumentException on an unpaired surrogate */
    static int utf8Length(String text) {
        int n = text.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the 2 chars
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("atom '" + text + "' has an unpaired surrogate at index " + i
                            + ": it has no UTF-8 encoding");
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** Whether OTP writes {@code list} as a STRING_EXT: a proper list of at most 65535 integers 0..255. */
    static boolean isByteString(ErlList list) {
        if (!(list.tail() instanceof Nil)) {
            return false;
        }
        List<Term> elements = list.elements();
        int n = elements.size();
        if (n > STRING_EXT_MAX) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!(elements.get(i) instanceof Int(long v)) || v < 0 || v > 255) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- write

    /** Writes {@code root}; the output must have room for {@link #size} bytes. */
    void write(Term root) {
        // The open compound terms: their children, the next child, and what follows the last one
        // (a list's tail, or where a fun's size goes).
        List<?>[] lists = new List<?>[8];
        int[] next = new int[8];
        int[] sizes = new int[8];
        Object[] after = new Object[8];
        int depth = 0;
        Object item = root;
        for (;;) {
            List<Term> children = null;
            Object follow = null;
            if (item instanceof Int(long v)) { // the commonest leaf first
                writeInt(v);
            } else if (item instanceof FunEnd(int sizeAt)) {
                INT.set(out, sizeAt, pos - sizeAt);
            } else {
                switch ((Term) item) {
                    case Atom atom -> writeAtom(atom);
                    case Int(long v) -> writeInt(v);
                    case BigInt(BigInteger v) -> writeBig(v);
                    case ErlFloat(double v) -> {
                        checkFinite(v);
                        out[pos] = (byte) NEW_FLOAT_EXT;
                        LONG.set(out, pos + 1, Double.doubleToRawLongBits(v));
                        pos += 9;
                    }
                    case Binary b -> writeBinary(b);
                    case BitString b -> {
                        out[pos] = (byte) BIT_BINARY_EXT;
                        INT.set(out, pos + 1, b.byteSize());
                        out[pos + 5] = (byte) b.trailingBits();
                        System.arraycopy(b.bytes(), 0, out, pos + 6, b.byteSize());
                        pos += 6 + b.byteSize();
                    }
                    case Nil nil -> out[pos++] = (byte) NIL_EXT;
                    case Tuple(List<Term> elements) -> {
                        writeArity(SMALL_TUPLE_EXT, LARGE_TUPLE_EXT, elements.size());
                        children = elements;
                    }
                    case ErlList list -> {
                        List<Term> elements = list.elements();
                        int n = elements.size();
                        if (isByteString(list)) {
                            out[pos] = (byte) STRING_EXT;
                            SHORT.set(out, pos + 1, (short) n);
                            pos += 3;
                            for (int i = 0; i < n; i++) {
                                out[pos + i] = (byte) ((Int) elements.get(i)).value();
                            }
                            pos += n;
                        } else {
                            out[pos] = (byte) LIST_EXT;
                            INT.set(out, pos + 1, n);
                            pos += 5;
                            children = elements;
                            follow = list.tail();
                        }
                    }
                    case ErlMap(Map<Term, Term> entries) -> {
                        int n = entries.size();
                        out[pos] = (byte) MAP_EXT;
                        INT.set(out, pos + 1, n);
                        pos += 5;
                        Term[] pairs = new Term[2 * n];
                        if (n <= FLATMAP_MAX_KEYS) {
                            sortedPairs(entries, pairs);
                        } else {
                            int i = 0;
                            for (Map.Entry<Term, Term> e : entries.entrySet()) {
                                pairs[i++] = e.getKey();
                                pairs[i++] = e.getValue();
                            }
                        }
                        children = Arrays.asList(pairs);
                    }
                    case Pid pid -> writePid(pid);
                    case Port port -> {
                        boolean small = port.id() >>> 32 == 0;
                        out[pos++] = (byte) (small ? NEW_PORT_EXT : V4_PORT_EXT);
                        writeAtom(port.node());
                        if (small) {
                            INT.set(out, pos, (int) port.id());
                            pos += 4;
                        } else {
                            LONG.set(out, pos, port.id());
                            pos += 8;
                        }
                        INT.set(out, pos, port.creation());
                        pos += 4;
                    }
                    case Ref ref -> {
                        out[pos] = (byte) NEWER_REFERENCE_EXT;
                        SHORT.set(out, pos + 1, (short) ref.idCount());
                        pos += 3;
                        writeAtom(ref.node());
                        INT.set(out, pos, ref.creation());
                        pos += 4;
                        for (int i = 0; i < ref.idCount(); i++) {
                            INT.set(out, pos, ref.id(i));
                            pos += 4;
                        }
                    }
                    case Fun fun -> {
                        out[pos] = (byte) NEW_FUN_EXT;
                        int sizeAt = pos + 1;
                        out[pos + 5] = (byte) fun.arity();
                        System.arraycopy(fun.uniqBytes(), 0, out, pos + 6, Fun.UNIQ_SIZE);
                        INT.set(out, pos + 22, fun.index());
                        INT.set(out, pos + 26, fun.freeVars().size());
                        pos += 30;
                        writeAtom(fun.module());
                        writeFunInt(fun.oldIndex());
                        writeFunInt(fun.oldUniq());
                        writePid(fun.pid());
                        children = fun.freeVars();
                        follow = new FunEnd(sizeAt);
                    }
                    case ExternalFun(Atom module, Atom function, int arity) -> {
                        out[pos++] = (byte) EXPORT_EXT;
                        writeAtom(module);
                        writeAtom(function);
                        out[pos] = (byte) SMALL_INTEGER_EXT;
                        out[pos + 1] = (byte) arity;
                        pos += 2;
                    }
                }
            }
            if (children != null && (!children.isEmpty() || follow != null)) {
                if (depth == lists.length) {
                    lists = Arrays.copyOf(lists, depth * 2);
                    next = Arrays.copyOf(next, depth * 2);
                    sizes = Arrays.copyOf(sizes, depth * 2);
                    after = Arrays.copyOf(after, depth * 2);
                }
                lists[depth] = children;
                next[depth] = 0;
                sizes[depth] = children.size();
                after[depth] = follow;
                depth++;
            }
            item = null;
            while (item == null) {
                if (depth == 0) {
                    return;
                }
                int top = depth - 1;
                if (next[top] < sizes[top]) {
                    item = lists[top].get(next[top]++);
                } else {
                    item = after[top];
                    lists[top] = null;
                    after[top] = null;
                    depth--;
                }
            }
        }
    }

    /** Where a NEW_FUN_EXT's size goes, once its free variables are written. */
    private record FunEnd(int sizeAt) {
    }

    /** Keys in map-key order (as OTP's flatmaps keep them), each followed by its value. */
    private static void sortedPairs(Map<Term, Term> entries, Term[] pairs) {
        Term[] keys = entries.keySet().toArray(new Term[0]);
        boolean sorted = true;
        for (int i = 1; i < keys.length && sorted; i++) {
            sorted = TermOrder.MAP_KEYS.compare(keys[i - 1], keys[i]) < 0;
        }
        if (!sorted) {
            Arrays.sort(keys, TermOrder.MAP_KEYS);
        }
        for (int i = 0; i < keys.length; i++) {
            pairs[2 * i] = keys[i];
            pairs[2 * i + 1] = entries.get(keys[i]);
        }
    }

    private void writeInt(long v) {
        if (v >= 0 && v <= 255) {
            out[pos] = (byte) SMALL_INTEGER_EXT;
            out[pos + 1] = (byte) v;
            pos += 2;
        } else if (v == (int) v) {
            out[pos] = (byte) INTEGER_EXT;
            INT.set(out, pos + 1, (int) v);
            pos += 5;
        } else {
            long magnitude = v < 0 ? -v : v; // for Long.MIN_VALUE the bits of 2^63, read unsigned
            int n = Long.BYTES - Long.numberOfLeadingZeros(magnitude) / 8;
            out[pos] = (byte) SMALL_BIG_EXT;
            out[pos + 1] = (byte) n;
            out[pos + 2] = (byte) (v < 0 ? 1 : 0);
            pos += 3;
            for (int i = 0; i < n; i++) {
                out[pos + i] = (byte) (magnitude >>> (8 * i));
            }
            pos += n;
        }
    }

    /** The small form (one-byte count) up to 255, else the large one (four-byte count). */
    private void writeArity(int smallTag, int largeTag, int n) {
        if (n <= 255) {
            out[pos] = (byte) smallTag;
            out[pos + 1] = (byte) n;
            pos += 2;
        } else {
            out[pos] = (byte) largeTag;
            INT.set(out, pos + 1, n);
            pos += 5;
        }
    }

    private void writeBig(BigInteger v) {
        byte[] bigEndian = v.abs().toByteArray();
        int skip = bigEndian[0] == 0 ? 1 : 0;
        int n = bigEndian.length - skip;
        writeArity(SMALL_BIG_EXT, LARGE_BIG_EXT, n);
        out[pos++] = (byte) (v.signum() < 0 ? 1 : 0);
        for (int i = 0; i < n; i++) {
            out[pos + i] = bigEndian[bigEndian.length - 1 - i];
        }
        pos += n;
    }

    private void writeFunInt(int v) {
        if (v >= 0 && v <= 255) {
            out[pos] = (byte) SMALL_INTEGER_EXT;
            out[pos + 1] = (byte) v;
            pos += 2;
        } else {
            out[pos] = (byte) INTEGER_EXT;
            INT.set(out, pos + 1, v);
            pos += 5;
        }
    }

    private void writeBinary(Binary b) {
        int n = b.size();
        out[pos] = (byte) BINARY_EXT;
        INT.set(out, pos + 1, n);
        pos += 5;
        if (spliceThreshold > 0 && n >= spliceThreshold) {
            splices.add(new Splice(pos, b));
            return;
        }
        System.arraycopy(b.array(), b.offset(), out, pos, n);
        pos += n;
    }

    private void writePid(Pid pid) {
        out[pos++] = (byte) NEW_PID_EXT;
        writeAtom(pid.node());
        INT.set(out, pos, pid.id());
        INT.set(out, pos + 4, pid.serial());
        INT.set(out, pos + 8, pid.creation());
        pos += 12;
    }

    private void writeAtom(Atom atom) {
        if (atomCache != null) {
            int ref = atomCache.refFor(atom);
            if (ref != OutgoingAtomCache.NO_REF) {
                if (ref < 0 || ref > 254) {
                    throw new IllegalArgumentException("atom cache reference index " + ref + " for " + atom
                            + " (expected: 0..254 or NO_REF)");
                }
                out[pos] = (byte) ATOM_CACHE_REF;
                out[pos + 1] = (byte) ref;
                pos += 2;
                return;
            }
        }
        String text = atom.text();
        int n = utf8Length(text);
        if (n <= 255) {
            out[pos] = (byte) SMALL_ATOM_UTF8_EXT;
            out[pos + 1] = (byte) n;
            pos += 2;
        } else {
            out[pos] = (byte) ATOM_UTF8_EXT;
            SHORT.set(out, pos + 1, (short) n);
            pos += 3;
        }
        int length = text.length();
        if (n == length) {
            for (int i = 0; i < length; i++) {
                out[pos + i] = (byte) text.charAt(i);
            }
            pos += length;
            return;
        }
        for (int i = 0; i < length; i++) {
            int c = text.codePointAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[pos++] = (byte) (0xF0 | (c >> 18));
                out[pos++] = (byte) (0x80 | ((c >> 12) & 0x3F));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
                i++;
            }
        }
    }
}
