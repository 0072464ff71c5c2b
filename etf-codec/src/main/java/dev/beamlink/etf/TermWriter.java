package dev.beamlink.etf;

import static dev.beamlink.etf.EtfTags.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One encoding: writes a term into a {@link ByteSink} in one pass, by index (plain stores: no per-byte
 * calls), by recursion for the first levels and on an explicit stack below them, as
 * {@code term_to_binary(T, [{minor_version, 2}])} does (erl_ext_dist).
 * Nothing is sized first: each piece asks for its room, and what depends on what follows is decided on
 * the spot or patched afterwards (a list optimistically written as STRING_EXT, an atom as ASCII, a fun's
 * size). Not thread-safe: {@link EtfEncoder} makes one per call.
 */
final class TermWriter {

    /** OTP writes maps of up to this many keys as flatmaps, their keys in map-key order. */
    static final int FLATMAP_MAX_KEYS = 32;
    /** The most elements of a STRING_EXT. */
    static final int STRING_EXT_MAX = 0xFFFF;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteSink sink;
    private final OutgoingAtomCache atomCache;
    private final int spliceThreshold;
    private final List<Splice> splices;
    private byte[] out;   // sink.array
    private int pos;      // the next index in out
    private int end;      // sink.end

    // The enclosing frames of the walk (see write): items and what follows them, next and stop indexes.
    private Object[] frames;
    private int[] bounds;
    private int depth;

    /**
     * @param spliceThreshold binaries of at least this many bytes are not written but recorded as
     *                        {@link #splices()} after their header (0: write every binary)
     */
    TermWriter(ByteSink sink, OutgoingAtomCache atomCache, int spliceThreshold) {
        this.sink = sink;
        this.atomCache = atomCache;
        this.spliceThreshold = spliceThreshold;
        this.splices = spliceThreshold > 0 ? new ArrayList<>() : List.of();
        this.out = sink.array;
        this.pos = sink.start;
        this.end = sink.end;
    }

    /** A binary whose bytes belong at {@link #position()} (counted from the encoding's start), left out. */
    record Splice(int position, Binary binary) {
    }

    /** {@return the bytes written so far} */
    int written() {
        return pos - sink.start;
    }

    List<Splice> splices() {
        return splices;
    }

    /**
     * Makes room for {@code n} bytes at {@link #pos}. Each piece asks for what it writes, no more: an array
     * sized right (a guess that was right) never grows.
     */
    private void room(int n) {
        if (end - pos < n) {
            int written = pos - sink.start;
            sink.grow(written, n);
            out = sink.array;
            pos = sink.start + written;
            end = sink.end;
        }
    }

    /** Writes one byte (the version byte before a whole term). */
    void writeByte(int b) {
        room(1);
        out[pos++] = (byte) b;
    }

    // ---------------------------------------------------------------- the walk

    /**
     * Writes {@code root}: compound terms by recursion down to {@value #RECURSION_LIMIT} levels (no stack
     * of our own, so nothing to allocate for the terms messages are made of), and any deeper subtree by the
     * iterative {@link #walk}: no term is nested deep enough to exhaust the Java stack.
     *
     * @throws IllegalArgumentException if the term cannot be encoded (NaN, an unpaired surrogate ...);
     *                                  what was written before it is then garbage
     */
    void write(Term root) {
        writeNested(root, 0);
    }

    /** The levels of compound terms written by recursion; deeper ones by {@link #walk}. */
    static final int RECURSION_LIMIT = 64;

    private void writeNested(Term term, int level) {
        // The commonest leaves first: a chain of exact class tests is cheaper than a type switch here.
        if (term instanceof Int(long v)) {
            writeInt(v);
        } else if (term instanceof Atom atom) {
            writeAtom(atom);
        } else if (term instanceof Binary b) {
            writeBinary(b);
        } else if (term instanceof Tuple(List<Term> elements)) {
            if (level >= RECURSION_LIMIT) {
                walk(term);
                return;
            }
            int n = elements.size();
            writeArity(SMALL_TUPLE_EXT, LARGE_TUPLE_EXT, n);
            writeAll(TermArrayList.itemsOf(elements), 0, n, level + 1);
        } else if (term instanceof ErlList list) {
            if (level >= RECURSION_LIMIT) {
                walk(term);
                return;
            }
            int from = writeListHead(list);
            if (from >= 0) {
                writeAll(TermArrayList.itemsOf(list.elements()), from, list.elements().size(), level + 1);
                writeNested(list.tail(), level + 1);
            }
        } else if (term instanceof ErlMap map) {
            if (level >= RECURSION_LIMIT) {
                walk(term);
                return;
            }
            writeAll(writeMapHead(map.frozen()), 0, 2 * map.size(), level + 1);
        } else if (term instanceof Fun fun) {
            if (level >= RECURSION_LIMIT) {
                walk(term);
                return;
            }
            int sizeAt = writeFunHead(fun);
            writeAll(TermArrayList.itemsOf(fun.freeVars()), 0, fun.freeVars().size(), level + 1);
            writeFunSize(sizeAt);
        } else {
            writeLeaf(term);
        }
    }

    private void writeAll(Term[] items, int from, int to, int level) {
        for (int i = from; i < to; i++) {
            writeNested(items[i], level);
        }
    }

    /**
     * Writes {@code root} on an explicit stack: the subtrees deeper than {@link #RECURSION_LIMIT}.
     *
     * <p>The innermost open compound term, its frame, lives in locals: its children {@code items[next..stop)},
     * then {@code after} (a list's tail, or a fun's {@link FunEnd}); the frames around it wait in
     * {@link #frames} and {@link #bounds}. The bottom frame is empty: the root comes before it.
     */
    private void walk(Term root) {
        int base = depth;
        Term[] items = NO_TERMS;
        int next = 0;
        int stop = 0;
        Object after = null;
        Object item = root;
        for (;;) {
            Term[] open = null;  // a compound term's children open[from..to), then follow
            int from = 0;
            int to = 0;
            Object follow = null;
            if (item instanceof Tuple(List<Term> elements)) {
                to = elements.size();
                writeArity(SMALL_TUPLE_EXT, LARGE_TUPLE_EXT, to);
                open = TermArrayList.itemsOf(elements);
            } else if (item instanceof ErlList list) {
                from = writeListHead(list);
                if (from >= 0) {
                    open = TermArrayList.itemsOf(list.elements());
                    to = list.elements().size();
                    follow = list.tail();
                }
            } else if (item instanceof ErlMap map) {
                open = writeMapHead(map.frozen());
                to = 2 * map.size();
            } else if (item instanceof Fun fun) {
                follow = new FunEnd(writeFunHead(fun));
                open = TermArrayList.itemsOf(fun.freeVars());
                to = fun.freeVars().size();
            } else if (item instanceof FunEnd(int sizeAt)) {
                writeFunSize(sizeAt);
            } else {
                writeLeaf((Term) item);
            }
            if (open != null && (from < to || follow != null)) {
                push(items, next, stop, after);
                items = open;
                next = from;
                stop = to;
                after = follow;
            }
            // The next item: the next child, else what follows the last one, in the innermost open frame.
            for (;;) {
                if (next < stop) {
                    item = items[next++];
                    break;
                }
                if (depth == base) {
                    return;
                }
                item = after;
                depth--;
                items = (Term[]) frames[2 * depth];
                after = frames[2 * depth + 1];
                next = bounds[2 * depth];
                stop = bounds[2 * depth + 1];
                frames[2 * depth] = null;
                frames[2 * depth + 1] = null;
                if (item != null) {
                    break;
                }
            }
        }
    }

    /**
     * A leaf: anything but a tuple, list, map or fun. Floats, big integers and nil first: {@link #writeNested} has
     * taken integers, atoms and binaries already; {@link #walk} sends every leaf here.
     */
    private void writeLeaf(Term term) {
        if (term instanceof ErlFloat(double v)) {
            writeFloat(v);
        } else if (term instanceof BigInt(BigInteger v)) {
            writeBig(v);
        } else if (term instanceof Nil) {
            room(1);
            out[pos++] = (byte) NIL_EXT;
        } else if (term instanceof Int(long v)) {
            writeInt(v);
        } else if (term instanceof Atom atom) {
            writeAtom(atom);
        } else if (term instanceof Binary b) {
            writeBinary(b);
        } else {
            writeRare(term);
        }
    }

    private static final Term[] NO_TERMS = {};

    /** Saves the frame being left for a child's. */
    private void push(Term[] items, int next, int stop, Object after) {
        if (frames == null) {
            frames = new Object[8];
            bounds = new int[8];
        } else if (2 * depth == frames.length) {
            frames = Arrays.copyOf(frames, 2 * frames.length);
            bounds = Arrays.copyOf(bounds, 2 * bounds.length);
        }
        frames[2 * depth] = items;
        frames[2 * depth + 1] = after;
        bounds[2 * depth] = next;
        bounds[2 * depth + 1] = stop;
        depth++;
    }

    /** Where a NEW_FUN_EXT's size goes (counted from the encoding's start), once its free variables are written. */
    private record FunEnd(int sizeAt) {
    }

    // ---------------------------------------------------------------- compound terms

    /**
     * erl_ext_dist STRING_EXT for a proper list of at most 65535 integers 0..255, else LIST_EXT. The list is
     * written as a STRING_EXT until an element does not fit one; the bytes so far then become
     * SMALL_INTEGER_EXTs of a LIST_EXT, and the rest follows as children: one pass over the elements.
     *
     * @return the index of the first element still to write (then the tail), or -1 when the list is written
     */
    private int writeListHead(ErlList list) {
        List<Term> elements = list.elements();
        Term[] items = TermArrayList.itemsOf(elements);
        int n = elements.size();
        Term tail = list.tail();
        if (tail instanceof Nil && n <= STRING_EXT_MAX) {
            room(3 + n);
            int header = pos;
            int k = 0;
            while (k < n && items[k] instanceof Int(long v) && (v & ~0xFFL) == 0) {
                out[header + 3 + k] = (byte) v;
                k++;
            }
            if (k == n) {
                out[header] = (byte) STRING_EXT;
                SHORT.set(out, header + 1, (short) n);
                pos = header + 3 + n;
                return -1;
            }
            pos = header + 3 + k;  // the bytes so far are kept while room() grows the sink
            room(2 + k);
            header = pos - 3 - k;
            for (int i = k - 1; i >= 0; i--) { // backwards: each byte moves to a later index
                out[header + 6 + 2 * i] = out[header + 3 + i];
                out[header + 5 + 2 * i] = (byte) SMALL_INTEGER_EXT;
            }
            out[header] = (byte) LIST_EXT;
            INT.set(out, header + 1, n);
            pos = header + 5 + 2 * k;
            return k;
        }
        room(5);
        out[pos] = (byte) LIST_EXT;
        INT.set(out, pos + 1, n);
        pos += 5;
        return 0;
    }

    /**
     * erl_ext_dist MAP_EXT: maps of up to 32 keys with the keys in map-key order (OTP's flatmaps; the map
     * caches that order), larger ones in their iteration order.
     *
     * @return the keys and values to write, each key followed by its value (the first {@code 2 * size})
     */
    private Term[] writeMapHead(FrozenTermMap entries) {
        int n = entries.size();
        room(5);
        out[pos] = (byte) MAP_EXT;
        INT.set(out, pos + 1, n);
        pos += 5;
        return n <= FLATMAP_MAX_KEYS ? TermOrder.sortedPairs(entries) : entries.pairs();
    }

    /** Patches a NEW_FUN_EXT's Size in, once its free variables are written. */
    private void writeFunSize(int sizeAt) {
        int at = sink.start + sizeAt;
        INT.set(out, at, pos - at);
    }

    /**
     * NEW_FUN_EXT up to its free variables; its Size is patched in by {@link #writeFunSize} after them.
     *
     * @return where the size goes, counted from the encoding's start
     */
    private int writeFunHead(Fun fun) {
        room(30);
        out[pos] = (byte) NEW_FUN_EXT;
        int sizeAt = pos + 1 - sink.start;
        out[pos + 5] = (byte) fun.arity();
        System.arraycopy(fun.uniqBytes(), 0, out, pos + 6, Fun.UNIQ_SIZE);
        INT.set(out, pos + 22, fun.index());
        INT.set(out, pos + 26, fun.freeVars().size());
        pos += 30;
        writeAtom(fun.module());
        writeFunInt(fun.oldIndex());
        writeFunInt(fun.oldUniq());
        writePid(fun.pid());
        return sizeAt;
    }

    /** The leaves that are not common: bit strings, pids, ports, references, external funs. */
    private void writeRare(Term term) {
        switch (term) {
            case BitString b -> {
                room(6 + b.byteSize());
                out[pos] = (byte) BIT_BINARY_EXT;
                INT.set(out, pos + 1, b.byteSize());
                out[pos + 5] = (byte) b.trailingBits();
                System.arraycopy(b.bytes(), 0, out, pos + 6, b.byteSize());
                pos += 6 + b.byteSize();
            }
            case Pid pid -> writePid(pid);
            case Port port -> {
                // NEW_PORT_EXT for 32-bit ids, V4_PORT_EXT for larger ones, as OTP 25 writes them
                boolean small = port.id() >>> 32 == 0;
                writeByte(small ? NEW_PORT_EXT : V4_PORT_EXT);
                writeAtom(port.node());
                room(small ? 8 : 12);
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
                room(3);
                out[pos] = (byte) NEWER_REFERENCE_EXT;
                SHORT.set(out, pos + 1, (short) ref.idCount());
                pos += 3;
                writeAtom(ref.node());
                room(4 + 4 * ref.idCount());
                INT.set(out, pos, ref.creation());
                pos += 4;
                for (int i = 0; i < ref.idCount(); i++) {
                    INT.set(out, pos, ref.id(i));
                    pos += 4;
                }
            }
            case ExternalFun(Atom module, Atom function, int arity) -> {
                writeByte(EXPORT_EXT);
                writeAtom(module);
                writeAtom(function);
                room(2);
                out[pos] = (byte) SMALL_INTEGER_EXT;
                out[pos + 1] = (byte) arity;
                pos += 2;
            }
            default -> throw new IllegalStateException("not a rare term: " + term.getClass().getName());
        }
    }

    // ---------------------------------------------------------------- leaves

    /** SMALL_INTEGER_EXT, INTEGER_EXT or SMALL_BIG_EXT: the smallest that holds {@code v}. */
    private void writeInt(long v) {
        if (v >= 0 && v <= 255) {
            room(2);
            out[pos] = (byte) SMALL_INTEGER_EXT;
            out[pos + 1] = (byte) v;
            pos += 2;
        } else if (v == (int) v) {
            room(5);
            out[pos] = (byte) INTEGER_EXT;
            INT.set(out, pos + 1, (int) v);
            pos += 5;
        } else {
            long magnitude = v < 0 ? -v : v; // for Long.MIN_VALUE the bits of 2^63, read unsigned
            int n = Long.BYTES - Long.numberOfLeadingZeros(magnitude) / 8;
            room(3 + n);
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

    /** NEW_FLOAT_EXT. */
    private void writeFloat(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot encode the float " + v + ": Erlang floats are finite");
        }
        room(9);
        out[pos] = (byte) NEW_FLOAT_EXT;
        LONG.set(out, pos + 1, Double.doubleToRawLongBits(v));
        pos += 9;
    }

    /** The small form (one-byte count) up to 255, else the large one (four-byte count). */
    private void writeArity(int smallTag, int largeTag, int n) {
        if (n <= 255) {
            room(2);
            out[pos] = (byte) smallTag;
            out[pos + 1] = (byte) n;
            pos += 2;
        } else {
            room(5);
            out[pos] = (byte) largeTag;
            INT.set(out, pos + 1, n);
            pos += 5;
        }
    }

    /**
     * SMALL_BIG_EXT or LARGE_BIG_EXT: the magnitude's bytes least significant first, taken from the one
     * array {@link BigInteger#toByteArray()} makes (two's complement, negated on the fly when negative).
     */
    private void writeBig(BigInteger v) {
        int n = (magnitudeBitLength(v) + 7) >>> 3;
        writeArity(SMALL_BIG_EXT, LARGE_BIG_EXT, n);
        room(1 + n);
        boolean negative = v.signum() < 0;
        out[pos++] = (byte) (negative ? 1 : 0);
        if (n <= 16) {
            writeBig128(v, negative, n);
            return;
        }
        byte[] twos = v.toByteArray();
        int last = twos.length - 1;
        if (negative) {
            int carry = 1;
            for (int i = 0; i < n; i++) {
                int b = (~twos[last - i] & 0xFF) + carry;
                out[pos + i] = (byte) b;
                carry = b >>> 8;
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[pos + i] = twos[last - i];
            }
        }
        pos += n;
    }

    /**
     * The magnitude of a big integer of 8 to 16 bytes (a BigInt has at least 64 bits), from the two longs of
     * its two's complement: two stores instead of {@link BigInteger#toByteArray()} and a loop.
     */
    private void writeBig128(BigInteger v, boolean negative, int n) {
        long low = v.longValue();
        long high = n > 8 ? bitsAbove64(v, negative) : negative ? -1 : 0;
        if (negative) { // the magnitude is -(high:low)
            low = -low;
            high = ~high + (low == 0 ? 1 : 0);
        }
        LONG_LE.set(out, pos, low);
        for (int i = 8; i < n; i++) {
            out[pos + i] = (byte) (high >>> (8 * (i - 8)));
        }
        pos += n;
    }

    /** The most bits above the low long read one by one; past that, a shifted copy is cheaper. */
    private static final int FEW_HIGH_BITS = 16;

    /**
     * {@return bits 64 to 127 of {@code v}'s two's complement} A few bits (an integer just past a long) by
     * {@link BigInteger#testBit}, which allocates nothing; more by {@link BigInteger#shiftRight}.
     */
    private static long bitsAbove64(BigInteger v, boolean negative) {
        int top = v.bitLength(); // bits from 64 to top - 1; the sign above them
        if (top - 64 > FEW_HIGH_BITS) {
            return v.shiftRight(64).longValue();
        }
        long high = negative ? -1L : 0L;
        for (int i = 64; i < top; i++) {
            long bit = 1L << (i - 64);
            high = v.testBit(i) ? high | bit : high & ~bit;
        }
        return high;
    }

    /**
     * {@return the bits of |v|, without computing |v|} For a negative v, {@link BigInteger#bitLength()} is
     * that of |v| - 1: one bit short exactly when |v| is a power of two, whose lowest set bit is its top one.
     */
    static int magnitudeBitLength(BigInteger v) {
        int bits = v.bitLength();
        return v.signum() < 0 && v.getLowestSetBit() == bits ? bits + 1 : bits;
    }

    /** A fun's OldIndex and OldUniq: SMALL_INTEGER_EXT or INTEGER_EXT. */
    private void writeFunInt(int v) {
        if (v >= 0 && v <= 255) {
            room(2);
            out[pos] = (byte) SMALL_INTEGER_EXT;
            out[pos + 1] = (byte) v;
            pos += 2;
        } else {
            room(5);
            out[pos] = (byte) INTEGER_EXT;
            INT.set(out, pos + 1, v);
            pos += 5;
        }
    }

    /** BINARY_EXT, or only its header when the binary is spliced in by the caller. */
    private void writeBinary(Binary b) {
        int n = b.size();
        if (spliceThreshold > 0 && n >= spliceThreshold) {
            room(5);
            out[pos] = (byte) BINARY_EXT;
            INT.set(out, pos + 1, n);
            pos += 5;
            splices.add(new Splice(pos - sink.start, b));
            return;
        }
        room(5 + n);
        out[pos] = (byte) BINARY_EXT;
        INT.set(out, pos + 1, n);
        System.arraycopy(b.array(), b.offset(), out, pos + 5, n);
        pos += 5 + n;
    }

    /** NEW_PID_EXT. */
    private void writePid(Pid pid) {
        writeByte(NEW_PID_EXT);
        writeAtom(pid.node());
        room(12);
        INT.set(out, pos, pid.id());
        INT.set(out, pos + 4, pid.serial());
        INT.set(out, pos + 8, pid.creation());
        pos += 12;
    }

    /**
     * ATOM_CACHE_REF when the cache says so, else SMALL_ATOM_UTF8_EXT or ATOM_UTF8_EXT. An atom is first
     * written as ASCII (its UTF-8 is then its chars, and its length the String's): one scan of the text.
     * Only an atom with other characters takes a second, to size its UTF-8.
     */
    private void writeAtom(Atom atom) {
        if (atomCache != null && writeCacheRef(atom)) {
            return;
        }
        String text = atom.text();
        int length = text.length();
        if (length <= 255) {
            room(2 + length);
            int at = pos + 2;
            int seen = 0;  // every char or-ed: no early exit, so that the loop unrolls
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                out[at + i] = (byte) c;
                seen |= c;
            }
            if (seen < 0x80) {
                out[pos] = (byte) SMALL_ATOM_UTF8_EXT;
                out[pos + 1] = (byte) length;
                pos = at + length;
                return;
            }
        }
        writeUtf8Atom(text);
    }

    private boolean writeCacheRef(Atom atom) {
        int ref = atomCache.refFor(atom);
        if (ref == OutgoingAtomCache.NO_REF) {
            return false;
        }
        if (ref < 0 || ref > 254) {
            throw new IllegalArgumentException("atom cache reference index " + ref + " for " + atom
                    + " (expected: 0..254 or NO_REF)");
        }
        room(2);
        out[pos] = (byte) ATOM_CACHE_REF;
        out[pos + 1] = (byte) ref;
        pos += 2;
        return true;
    }

    /** An atom with a character above 0x7F, or a long one. */
    private void writeUtf8Atom(String text) {
        int n = Utf8.length(text);
        room((n <= 255 ? 2 : 3) + n);
        if (n <= 255) {
            out[pos] = (byte) SMALL_ATOM_UTF8_EXT;
            out[pos + 1] = (byte) n;
            pos += 2;
        } else {
            out[pos] = (byte) ATOM_UTF8_EXT;
            SHORT.set(out, pos + 1, (short) n);
            pos += 3;
        }
        pos = Utf8.encode(text, out, pos);
    }
}
