package dev.beamlink.etf;

import static dev.beamlink.etf.EtfTags.*;

import java.math.BigInteger;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One decoding: reads terms from a {@link ByteBuffer} by absolute index, on an explicit stack of
 * frames for tuples, lists, maps and funs, so that no input can exhaust the Java stack. Every length is
 * checked against the bytes left (and the configured limits) before anything is allocated for it.
 * Not thread-safe: {@link EtfDecoder} makes one per call.
 */
final class TermReader {

    private static final int TUPLE = 0;
    private static final int LIST = 1;
    private static final int LIST_TAIL = 2;
    private static final int MAP = 3;
    private static final int FUN = 4;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    // The input: indexes 0..limit of `array` from `arrayOffset`, read by index with no buffer in between;
    // or, for memory without an array, of `in`.
    private final byte[] array;       // null when the input is direct memory
    private final int arrayOffset;    // where index 0 is in `array`
    private final ByteBuffer in;      // null when the input is an array
    private final boolean share;      // binaries may wrap `array`
    private final int limit;
    private final EtfDecoder config;
    private final IncomingAtomCache atomCache;
    private final boolean inflated;   // reading the decompressed bytes of a compressed term
    private int pos;

    private Frame[] frames;  // made at the first compound term
    private int depth;
    private byte[] scratch;
    private long memoryLeft;  // of the decoder's maxTermMemory: what the term may still take (TermMemory)

    private TermReader(byte[] array, int arrayOffset, ByteBuffer in, int limit, boolean share, EtfDecoder config,
                       IncomingAtomCache atomCache, boolean inflated) {
        this.array = array;
        this.arrayOffset = arrayOffset;
        this.in = in;
        this.limit = limit;
        this.share = share && array != null;
        this.config = config;
        this.atomCache = atomCache;
        this.inflated = inflated;
        this.memoryLeft = config.maxTermMemory();
    }

    /** A reader of the {@code length} bytes of {@code array} from {@code offset}; binaries share them when {@code share}. */
    static TermReader of(byte[] array, int offset, int length, boolean share, EtfDecoder config,
                         IncomingAtomCache atomCache, boolean inflated) {
        return new TermReader(array, offset, null, length, share, config, atomCache, inflated);
    }

    /** A reader of the bytes from the position to the limit of {@code in} (memory without an array is copied from). */
    static TermReader of(ByteBuffer in, boolean share, EtfDecoder config, IncomingAtomCache atomCache) {
        if (in.hasArray()) {
            return of(in.array(), in.arrayOffset() + in.position(), in.remaining(), share, config, atomCache, false);
        }
        return new TermReader(null, 0, in.slice(), in.remaining(), false, config, atomCache, false);
    }

    /** {@return the index after the last byte read} */
    int position() {
        return pos;
    }

    // ---------------------------------------------------------------- entry points

    /** Reads the version byte, then one term (which may be compressed). */
    Term readVersionedTerm() {
        if (pos >= limit) {
            throw fail(EtfDecodeException.NO_TAG, pos, "no bytes: expected the version byte " + VERSION);
        }
        int version = u8(pos);
        if (version != VERSION) {
            throw fail(EtfDecodeException.NO_TAG, pos, "version byte " + version + " (expected: " + VERSION + ")");
        }
        pos++;
        if (pos < limit && (u8(pos)) == COMPRESSED) {
            return readCompressed();
        }
        return readTerm();
    }

    /** Reads one term at the current position (no version byte). */
    Term readTerm() {
        return read(0);
    }

    // ---------------------------------------------------------------- recursion for the first levels

    /** The levels of tuples, lists and maps read by recursion; deeper ones on the explicit stack. */
    static final int RECURSION_LIMIT = 64;

    /**
     * Reads one term at {@code level} of nesting: tuples, lists and maps by recursion down to
     * {@link #RECURSION_LIMIT} levels (nothing to allocate for a stack of our own, for the terms messages are
     * made of), anything else, and every deeper term, on the explicit stack ({@link #drain}).
     */
    private Term read(int level) {
        int at = pos;
        if (level < RECURSION_LIMIT && at < limit) {
            switch (u8(at)) {
                case SMALL_TUPLE_EXT -> {
                    need(SMALL_TUPLE_EXT, at, 2);
                    pos = at + 2;
                    return readTuple(SMALL_TUPLE_EXT, at, u8(at + 1), level);
                }
                case LARGE_TUPLE_EXT -> {
                    need(LARGE_TUPLE_EXT, at, 5);
                    pos = at + 5;
                    return readTuple(LARGE_TUPLE_EXT, at, u32(at + 1), level);
                }
                case LIST_EXT -> {
                    need(LIST_EXT, at, 5);
                    pos = at + 5;
                    return readList(at, u32(at + 1), level);
                }
                case MAP_EXT -> {
                    need(MAP_EXT, at, 5);
                    pos = at + 5;
                    return readMap(at, u32(at + 1), level);
                }
                default -> {
                    // a leaf, a fun: next() reads it
                }
            }
        }
        return drain(depth);
    }

    private Term readTuple(int tag, int at, long arity, int level) {
        if (arity == 0) {
            return Tuple.EMPTY;
        }
        needLength(tag, at, arity); // each element takes at least one byte
        charge(tag, at, TermMemory.compound(arity));
        Term[] items = new Term[(int) arity];
        for (int i = 0; i < items.length; i++) {
            items[i] = read(level + 1);
        }
        return new Tuple(TermArrayList.adopt(items, items.length));
    }

    private Term readMap(int at, long arity, int level) {
        if (arity == 0) {
            return ErlMap.EMPTY;
        }
        needMapArity(at, arity);
        Term[] items = new Term[(int) (arity * 2)];
        for (int i = 0; i < items.length; i++) {
            items[i] = read(level + 1);
        }
        return map(at, items, (int) arity);
    }

    private Term readList(int at, long length, int level) {
        needLength(LIST_EXT, at, length + 1); // the elements and the tail, at least one byte each
        charge(LIST_EXT, at, TermMemory.compound(length));
        Term[] items = length == 0 ? NO_TERMS : new Term[(int) length];
        for (int i = 0; i < items.length; i++) {
            items[i] = read(level + 1);
        }
        int tailAt = pos;
        if (tailAt < limit) {
            int tag = u8(tailAt);
            if (tag == NIL_EXT) {
                pos = tailAt + 1;
                return items.length == 0 ? Nil.NIL : new ErlList(TermArrayList.adopt(items, items.length), Nil.NIL);
            }
            if (tag != LIST_EXT && tag != STRING_EXT) {
                Term tail = read(level + 1);
                return items.length == 0 ? tail : new ErlList(TermArrayList.adopt(items, items.length), tail);
            }
        }
        // A LIST_EXT or STRING_EXT tail, which continues the list (OTP never writes one), or none: the
        // explicit stack's list tail takes it from here.
        int base = depth;
        Frame frame = push(LIST, LIST_EXT, at);
        frame.items = items;
        frame.count = items.length;
        frame.expected = items.length;
        Term list = listTail(frame);
        return list != null ? list : drain(base);
    }

    // ---------------------------------------------------------------- the explicit stack

    /**
     * Reads terms on the explicit stack of frames until the one begun at {@code base} frames is complete:
     * any depth of nesting, without recursion.
     */
    private Term drain(int base) {
        for (;;) {
            Term value = next();
            while (value != null) {
                if (depth == base) {
                    return value;
                }
                value = accept(frames[depth - 1], value);
            }
        }
    }

    // ---------------------------------------------------------------- compressed terms

    /**
     * erl_ext_dist COMPRESSED: the uncompressed size, then zlib data. The output array grows as inflated bytes
     * arrive (doubling from a size the compressed bytes justify), up to the declared size, which must not
     * exceed {@link EtfDecoder#maxDecompressedSize()}; each array counts against the term's memory.
     */
    private Term readCompressed() {
        int tagAt = pos;
        need(COMPRESSED, tagAt, 5);
        long declared = u32(pos + 1);
        pos += 5;
        if (declared > config.maxDecompressedSize()) {
            throw fail(COMPRESSED, tagAt, "uncompressed size " + declared + " exceeds the limit of "
                    + config.maxDecompressedSize() + " bytes");
        }
        if (declared == 0) {
            throw fail(COMPRESSED, tagAt, "uncompressed size 0: a term has at least 1 byte");
        }
        int size = (int) declared;
        int first = (int) Math.min(size, Math.max(FIRST_INFLATE_SIZE, 4L * (limit - pos)));
        charge(COMPRESSED, tagAt, TermMemory.array(first));
        byte[] out = new byte[first];
        int produced = 0;
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(view(pos, limit - pos));
            for (;;) {
                if (produced == out.length) {
                    if (produced == size) {
                        break;
                    }
                    int larger = (int) Math.min(size, 2L * out.length);
                    charge(COMPRESSED, tagAt, TermMemory.array(larger));
                    out = Arrays.copyOf(out, larger);
                }
                int n = inflater.inflate(out, produced, out.length - produced);
                produced += n;
                if (n == 0) {
                    break;
                }
            }
            if (produced < size) {
                throw fail(COMPRESSED, tagAt, inflater.finished()
                        ? "inflated to " + produced + " bytes, but the declared size is " + declared
                        : "compressed data truncated after inflating " + produced + " of " + declared + " bytes");
            }
            if (!inflater.finished()) {
                byte[] probe = new byte[1];
                if (inflater.inflate(probe) > 0) {
                    throw fail(COMPRESSED, tagAt, "inflates to more than the declared size " + declared);
                }
                if (!inflater.finished()) {
                    throw fail(COMPRESSED, tagAt, "compressed data truncated: the zlib stream does not end");
                }
            }
            pos = limit - inflater.getRemaining();
        } catch (DataFormatException e) {
            throw fail(COMPRESSED, tagAt, "bad zlib data: " + e.getMessage());
        } finally {
            inflater.end();
        }
        if ((out[0] & 0xFF) == COMPRESSED) {
            throw fail(COMPRESSED, 0, "a compressed term inside a compressed term (in the decompressed term)");
        }
        // The inflated bytes are ours: binaries may always share them.
        TermReader inner = of(out, 0, size, true, config, atomCache, true);
        inner.memoryLeft = memoryLeft;
        Term term = inner.readTerm();
        if (inner.pos != size) {
            throw fail(COMPRESSED, tagAt, "the decompressed term ends at byte " + inner.pos + " of the declared "
                    + declared);
        }
        return term;
    }

    /** The first output array of a compressed term, unless its declared size is smaller: 64 KiB. */
    private static final int FIRST_INFLATE_SIZE = 64 << 10;

    // ---------------------------------------------------------------- the tag switch

    /** Reads one term, or pushes a frame for a compound one and returns null. */
    private Term next() {
        int at = pos;
        if (at >= limit) {
            throw fail(EtfDecodeException.NO_TAG, at, "no bytes left: expected a term");
        }
        int tag = u8(at);
        switch (tag) {
            case SMALL_INTEGER_EXT -> {
                need(tag, at, 2);
                pos = at + 2;
                return Int.of(u8(at + 1));
            }
            case INTEGER_EXT -> {
                need(tag, at, 5);
                charge(tag, at, TermMemory.LEAF);
                pos = at + 5;
                return Int.of(s32(at + 1));
            }
            case SMALL_ATOM_UTF8_EXT, SMALL_ATOM_EXT, ATOM_UTF8_EXT, ATOM_EXT, ATOM_CACHE_REF -> {
                return readAtom(SMALL_TUPLE_EXT);
            }
            case SMALL_TUPLE_EXT -> {
                need(tag, at, 2);
                pos = at + 2;
                return startTuple(tag, at, u8(at + 1));
            }
            case LARGE_TUPLE_EXT -> {
                need(tag, at, 5);
                pos = at + 5;
                return startTuple(tag, at, u32(at + 1));
            }
            case NIL_EXT -> {
                pos = at + 1;
                return Nil.NIL;
            }
            case STRING_EXT -> {
                need(tag, at, 3);
                int length = u16(at + 1);
                pos = at + 3;
                needLength(tag, at, length);
                if (length == 0) {
                    return Nil.NIL;
                }
                charge(tag, at, TermMemory.compound(length));
                Term[] items = new Term[length];
                appendString(items, 0, length);
                return new ErlList(TermArrayList.adopt(items, length), Nil.NIL);
            }
            case LIST_EXT -> {
                need(tag, at, 5);
                long length = u32(at + 1);
                pos = at + 5;
                return startList(at, length);
            }
            case BINARY_EXT -> {
                need(tag, at, 5);
                long length = u32(at + 1);
                pos = at + 5;
                needLength(tag, at, length);
                return binary(tag, at, (int) length);
            }
            case MAP_EXT -> {
                need(tag, at, 5);
                long arity = u32(at + 1);
                pos = at + 5;
                return startMap(at, arity);
            }
            case NEW_FLOAT_EXT -> {
                need(tag, at, 9);
                double value = Double.longBitsToDouble(s64(at + 1));
                if (!Double.isFinite(value)) {
                    throw fail(tag, at, "not a finite float: " + value);
                }
                charge(tag, at, TermMemory.LEAF);
                pos = at + 9;
                return new ErlFloat(value);
            }
            case FLOAT_EXT -> {
                return readOldFloat(at);
            }
            case SMALL_BIG_EXT -> {
                need(tag, at, 2);
                pos = at + 2;
                return readBig(tag, at, u8(at + 1));
            }
            case LARGE_BIG_EXT -> {
                need(tag, at, 5);
                pos = at + 5;
                return readBig(tag, at, u32(at + 1));
            }
            case BIT_BINARY_EXT -> {
                return readBits(at);
            }
            case NEW_PID_EXT, PID_EXT -> {
                return readPid();
            }
            case NEW_PORT_EXT, V4_PORT_EXT, PORT_EXT -> {
                return readPort(tag, at);
            }
            case NEWER_REFERENCE_EXT, NEW_REFERENCE_EXT, REFERENCE_EXT -> {
                return readRef(tag, at);
            }
            case EXPORT_EXT -> {
                pos = at + 1;
                Atom module = readAtom(tag);
                Atom function = readAtom(tag);
                int arityAt = pos;
                if (pos >= limit || (u8(pos)) != SMALL_INTEGER_EXT) {
                    throw fail(tag, at, "arity at offset " + arityAt + " is not a SMALL_INTEGER_EXT");
                }
                need(tag, at, pos - at + 2);
                charge(tag, at, TermMemory.LEAF);
                int arity = u8(pos + 1);
                pos += 2;
                return new ExternalFun(module, function, arity);
            }
            case NEW_FUN_EXT -> {
                return startFun(at);
            }
            case COMPRESSED -> throw fail(tag, at, "a compressed term is only allowed as a whole term, after the version byte");
            case LOCAL_EXT -> throw fail(tag, at, "the local external term format (term_to_binary/2 option local) "
                    + "can only be decoded by the runtime instance that encoded it");
            case FUN_EXT -> throw fail(tag, at, "FUN_EXT was removed in OTP 23 and is not decoded");
            case VERSION -> throw fail(EtfDecodeException.NO_TAG, at, "unexpected version byte " + VERSION + " inside a term");
            default -> throw fail(tag, at, "unknown tag " + tag);
        }
    }

    // ---------------------------------------------------------------- compound terms

    private Frame push(int kind, int tag, int at) {
        if (frames == null) {
            frames = new Frame[8];
        } else if (depth == frames.length) {
            charge(tag, at, TermMemory.array(2L * depth * TermMemory.REF));
            frames = Arrays.copyOf(frames, depth * 2);
        }
        Frame frame = frames[depth];
        if (frame == null) {
            charge(tag, at, TermMemory.FRAME);
            frame = frames[depth] = new Frame();
        }
        depth++;
        frame.kind = kind;
        frame.tag = tag;
        frame.at = at;
        frame.count = 0;
        return frame;
    }

    private Term startTuple(int tag, int at, long arity) {
        if (arity == 0) {
            return Tuple.EMPTY;
        }
        needLength(tag, at, arity); // each element takes at least one byte
        charge(tag, at, TermMemory.compound(arity));
        Frame frame = push(TUPLE, tag, at);
        frame.expected = (int) arity;
        frame.items = new Term[(int) arity];
        return null;
    }

    private Term startList(int at, long length) {
        needLength(LIST_EXT, at, length + 1); // the elements and the tail, at least one byte each
        charge(LIST_EXT, at, TermMemory.compound(length));
        Frame frame = push(LIST, LIST_EXT, at);
        frame.expected = (int) length;
        frame.items = length == 0 ? NO_TERMS : new Term[(int) length];
        return length == 0 ? listTail(frame) : null;
    }

    private static final Term[] NO_TERMS = {};

    private Term startMap(int at, long arity) {
        if (arity == 0) {
            return ErlMap.EMPTY;
        }
        needMapArity(at, arity);
        Frame frame = push(MAP, MAP_EXT, at);
        frame.expected = (int) (arity * 2);
        frame.items = new Term[(int) (arity * 2)];
        return null;
    }

    /** Checks a map's arity against the bytes left (a key and a value each), and counts its memory. */
    private void needMapArity(int at, long arity) {
        if (arity > Integer.MAX_VALUE / 2) {
            throw fail(MAP_EXT, at, "arity " + arity + " exceeds the " + (limit - pos) + " bytes left");
        }
        needLength(MAP_EXT, at, arity * 2);
        charge(MAP_EXT, at, TermMemory.map(arity));
    }

    private Term startFun(int at) {
        need(NEW_FUN_EXT, at, 1 + 4 + 1 + Fun.UNIQ_SIZE + 4 + 4);
        long size = u32(at + 1);
        if (size > limit - (at + 1)) {
            throw fail(NEW_FUN_EXT, at, "size " + size + " exceeds the " + (limit - (at + 1)) + " bytes left");
        }
        int arity = u8(at + 5);
        byte[] uniq = new byte[Fun.UNIQ_SIZE];
        copy(at + 6, uniq, 0, Fun.UNIQ_SIZE);
        int index = s32(at + 22);
        long numFree = u32(at + 26);
        pos = at + 30;
        needLength(NEW_FUN_EXT, at, numFree);
        Atom module = readAtom(NEW_FUN_EXT);
        int oldIndex = readFunInt(at, "OldIndex");
        int oldUniq = readFunInt(at, "OldUniq");
        if (pos >= limit || ((u8(pos)) != NEW_PID_EXT && (u8(pos)) != PID_EXT)) {
            throw fail(NEW_FUN_EXT, at, "Pid at offset " + pos + " is not a pid");
        }
        Pid pid = readPid();
        charge(NEW_FUN_EXT, at, TermMemory.compound(numFree) + TermMemory.FUN);
        Frame frame = push(FUN, NEW_FUN_EXT, at);
        frame.expected = (int) numFree;
        frame.items = numFree == 0 ? NO_TERMS : new Term[(int) numFree];
        frame.fun = new FunHeader(size, arity, uniq, index, module, oldIndex, oldUniq, pid);
        return numFree == 0 ? finish(frame) : null;
    }

    private int readFunInt(int at, String field) {
        if (pos < limit) {
            int tag = u8(pos);
            if (tag == SMALL_INTEGER_EXT && pos + 2 <= limit) {
                pos += 2;
                return u8(pos - 1);
            }
            if (tag == INTEGER_EXT && pos + 5 <= limit) {
                pos += 5;
                return s32(pos - 4);
            }
        }
        throw fail(NEW_FUN_EXT, at, field + " at offset " + pos + " is not a complete SMALL_INTEGER_EXT or INTEGER_EXT");
    }

    /** Adds a finished child to its frame; {@return the frame's term when it is complete, else null} */
    private Term accept(Frame frame, Term value) {
        switch (frame.kind) {
            case LIST -> {
                frame.items[frame.count++] = value;
                return frame.count == frame.expected ? listTail(frame) : null;
            }
            case LIST_TAIL -> {
                frame.tail = value;
                return finish(frame);
            }
            default -> {
                frame.items[frame.count++] = value;
                return frame.count == frame.expected ? finish(frame) : null;
            }
        }
    }

    /**
     * After a list's elements: a NIL_EXT ends it; a LIST_EXT or STRING_EXT tail continues it (so that
     * {@code [1|[2|[3]]]} chained a million times decodes in linear time); any other term is the tail.
     */
    private Term listTail(Frame frame) {
        while (true) {
            int at = pos;
            if (at >= limit) {
                throw fail(LIST_EXT, frame.at, "no bytes left for the tail");
            }
            int tag = u8(at);
            if (tag == NIL_EXT) {
                pos = at + 1;
                frame.tail = Nil.NIL;
                return finish(frame);
            } else if (tag == LIST_EXT) {
                need(tag, at, 5);
                long more = u32(at + 1);
                pos = at + 5;
                needLength(tag, at, more + 1);
                grow(frame, more);
                if (more > 0) {
                    frame.expected += (int) more;
                    return null;
                }
            } else if (tag == STRING_EXT) {
                need(tag, at, 3);
                int more = u16(at + 1);
                pos = at + 3;
                needLength(tag, at, more);
                grow(frame, more);
                appendString(frame.items, frame.count, more);
                frame.count += more;
                frame.expected += more;
                frame.tail = Nil.NIL;
                return finish(frame);
            } else {
                frame.kind = LIST_TAIL;
                return null;
            }
        }
    }

    private void grow(Frame frame, long more) {
        long needed = frame.count + more;
        if (needed > Integer.MAX_VALUE - 8) {
            throw fail(LIST_EXT, frame.at, "list of " + needed + " elements is too long");
        }
        if (needed > frame.items.length) {
            int length = (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8, frame.items.length * 2L));
            charge(LIST_EXT, frame.at, TermMemory.array((long) length * TermMemory.REF));
            frame.items = Arrays.copyOf(frame.items, length);
        }
    }

    private void appendString(Term[] items, int from, int length) {
        for (int i = 0; i < length; i++) {
            items[from + i] = Int.of(u8(pos + i));
        }
        pos += length;
    }

    /** Pops the top frame and {@return its term} */
    private Term finish(Frame frame) {
        depth--;
        Term[] items = frame.items;
        frame.items = null;
        switch (frame.kind) {
            case TUPLE -> {
                return new Tuple(TermArrayList.adopt(items, frame.count));
            }
            case LIST, LIST_TAIL -> {
                Term tail = frame.tail;
                frame.tail = null;
                if (frame.count == 0) {
                    return tail;  // LIST_EXT of no elements: the tail itself, as OTP decodes it
                }
                return new ErlList(TermArrayList.adopt(items, frame.count), tail);
            }
            case MAP -> {
                return map(frame.at, items, frame.count / 2);
            }
            case FUN -> {
                FunHeader f = frame.fun;
                frame.fun = null;
                long used = pos - (frame.at + 1L);
                if (used != f.size) {
                    throw fail(NEW_FUN_EXT, frame.at, "size field says " + f.size + " bytes, the fun takes " + used);
                }
                return new Fun(f.module, f.arity, f.uniq, f.index, f.oldIndex, f.oldUniq, f.pid,
                        TermArrayList.adopt(items, frame.count));
            }
            default -> throw new IllegalStateException("frame kind " + frame.kind);
        }
    }

    /** {@return the map of the keys and values in {@code items}} */
    private Term map(int at, Term[] items, int arity) {
        try {
            return new ErlMap(FrozenTermMap.of(items, arity));
        } catch (FrozenTermMap.DuplicateKey e) {
            throw fail(MAP_EXT, at, "duplicate key " + TermFormat.format(items[2 * e.key], 60)
                    + " (pair " + (e.key + 1) + " of " + arity + ")");
        }
    }

    // ---------------------------------------------------------------- atoms

    /** Reads an atom (any atom tag, or an atom cache reference) for a field of {@code contextTag}. */
    private Atom readAtom(int contextTag) {
        int at = pos;
        if (at >= limit) {
            throw fail(contextTag, at, "no bytes left: expected an atom");
        }
        int tag = u8(at);
        int length;
        boolean utf8;
        switch (tag) {
            case SMALL_ATOM_UTF8_EXT, SMALL_ATOM_EXT -> {
                need(tag, at, 2);
                length = u8(at + 1);
                pos = at + 2;
                utf8 = tag == SMALL_ATOM_UTF8_EXT;
            }
            case ATOM_UTF8_EXT, ATOM_EXT -> {
                need(tag, at, 3);
                length = u16(at + 1);
                pos = at + 3;
                utf8 = tag == ATOM_UTF8_EXT;
                int most = utf8 ? Atom.MAX_CHARACTERS * 4 : Atom.MAX_CHARACTERS;
                if (length > most) {
                    throw fail(tag, at, "length " + length + " exceeds the " + most + " bytes of a "
                            + Atom.MAX_CHARACTERS + "-character atom");
                }
            }
            case ATOM_CACHE_REF -> {
                need(tag, at, 2);
                int index = u8(at + 1);
                pos = at + 2;
                if (atomCache == null) {
                    throw fail(tag, at, "atom cache reference " + index + " outside a distribution message (no atom cache)");
                }
                Atom atom = atomCache.atomAt(index);
                if (atom == null) {
                    throw fail(tag, at, "no atom at atom cache index " + index);
                }
                return atom;
            }
            default -> throw fail(contextTag, at, "expected an atom, got " + EtfTags.name(tag));
        }
        needLength(tag, at, length);
        AsciiAtoms known = config.asciiAtoms();
        if (array != null) {
            Atom atom = known.find(array, arrayOffset + pos, length);
            if (atom != null) {
                pos += length;
                return atom;
            }
        }
        boolean ascii = isAscii(pos, length);
        String text = ascii ? asciiText(tag, at, length) : utf8 ? utf8Text(tag, at, length) : latin1Text(length);
        Atom atom;
        AtomTable table = config.atomTable();
        if (table == null) {
            charge(tag, at, TermMemory.atom(length));
            atom = new Atom(text);
        } else {
            atom = table.tryIntern(text);
            if (atom == null) {
                throw fail(tag, at, "atom table full (" + table.maxAtoms() + " atoms): cannot add '" + abbreviate(text) + "'");
            }
        }
        if (ascii && array != null) {
            known.add(array, arrayOffset + pos, length, atom);
        }
        pos += length;
        return atom;
    }

    private boolean isAscii(int from, int length) {
        if (array != null) {
            for (int i = arrayOffset + from, end = i + length; i < end; i++) {
                if (array[i] < 0) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < length; i++) {
            if (s8(from + i) < 0) {
                return false;
            }
        }
        return true;
    }

    /** ASCII, the same in Latin-1 and UTF-8: one character a byte. */
    private String asciiText(int tag, int at, int length) {
        if (length > Atom.MAX_CHARACTERS) {
            throw fail(tag, at, "atom of " + length + " characters (expected: <= " + Atom.MAX_CHARACTERS + ")");
        }
        return latin1Text(length);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private String latin1Text(int length) {
        if (array != null) {
            return new String(array, arrayOffset + pos, length, StandardCharsets.ISO_8859_1);
        }
        byte[] bytes = scratch(length);
        copy(pos, bytes, 0, length);
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private String utf8Text(int tag, int at, int length) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(view(pos, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail(tag, at, "the " + length + " bytes of the atom are not valid UTF-8");
        }
        int characters = text.codePointCount(0, text.length());
        if (characters > Atom.MAX_CHARACTERS) {
            throw fail(tag, at, "atom of " + characters + " characters (expected: <= " + Atom.MAX_CHARACTERS + ")");
        }
        return text;
    }

    private byte[] scratch(int length) {
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, 256)];
        }
        return scratch;
    }

    // ---------------------------------------------------------------- numbers

    private Term readBig(int tag, int at, long length) {
        need(tag, at, pos - at + 1);
        boolean negative = s8(pos) != 0;
        pos++;
        needLength(tag, at, length);
        if (length > config.maxBigIntegerBytes()) {
            throw fail(tag, at, "length " + length + " exceeds the limit of " + config.maxBigIntegerBytes() + " bytes");
        }
        int digits = (int) length;
        int first = pos;
        pos = first + digits;
        int significant = digits;
        while (significant > 0 && s8(first + significant - 1) == 0) {
            significant--;
        }
        charge(tag, at, TermMemory.big(significant));
        if (significant <= 8) {
            long magnitude = 0;
            for (int i = significant - 1; i >= 0; i--) {
                magnitude = (magnitude << 8) | (u8(first + i));
            }
            if (!negative && magnitude >= 0) {
                return Int.of(magnitude);
            }
            if (negative && Long.compareUnsigned(magnitude, Long.MIN_VALUE) <= 0) {
                return Int.of(-magnitude); // -(2^63) wraps to Long.MIN_VALUE itself
            }
        }
        byte[] bigEndian = new byte[significant];
        for (int i = 0; i < significant; i++) {
            bigEndian[i] = s8(first + significant - 1 - i);
        }
        return BigInt.integer(new BigInteger(negative ? -1 : 1, bigEndian));
    }

    private Term readOldFloat(int at) {
        need(FLOAT_EXT, at, 32);
        int end = 0;
        while (end < 31 && s8(at + 1 + end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        copy(at + 1, bytes, 0, end);
        String text = new String(bytes, StandardCharsets.ISO_8859_1).strip();
        if (text.isEmpty() || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E'
                || c == '+' || c == '-')) {
            throw fail(FLOAT_EXT, at, "not a float: \"" + text + "\"");
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw fail(FLOAT_EXT, at, "not a float: \"" + text + "\"");
        }
        if (!Double.isFinite(value)) {
            throw fail(FLOAT_EXT, at, "not a finite float: \"" + text + "\"");
        }
        charge(FLOAT_EXT, at, TermMemory.LEAF);
        pos = at + 32;
        return new ErlFloat(value);
    }

    // ---------------------------------------------------------------- binaries

    private Binary binary(int tag, int at, int length) {
        if (length == 0) {
            return Binary.EMPTY;
        }
        charge(tag, at, TermMemory.binary(share ? 0 : length));
        Binary binary;
        if (share) {
            binary = Binary.wrap(array, arrayOffset + pos, length);
        } else {
            byte[] copy = new byte[length];
            copy(pos, copy, 0, length);
            binary = Binary.wrap(copy);
        }
        pos += length;
        return binary;
    }

    private Term readBits(int at) {
        need(BIT_BINARY_EXT, at, 6);
        long length = u32(at + 1);
        int bits = u8(at + 5);
        pos = at + 6;
        if (length == 0) {
            if (bits != 0) {
                throw fail(BIT_BINARY_EXT, at, "no bytes, but " + bits + " bits used in the last one (expected: 0)");
            }
            return Binary.EMPTY;
        }
        if (bits < 1 || bits > 8) {
            throw fail(BIT_BINARY_EXT, at, bits + " bits used in the last byte (expected: 1..8)");
        }
        needLength(BIT_BINARY_EXT, at, length);
        if (bits == 8) {
            return binary(BIT_BINARY_EXT, at, (int) length);
        }
        charge(BIT_BINARY_EXT, at, TermMemory.binary(length));
        byte[] bytes = new byte[(int) length];
        copy(pos, bytes, 0, (int) length);
        pos += (int) length;
        return BitString.ofTrusted(bytes, bits);
    }

    // ---------------------------------------------------------------- pids, ports, references

    private Pid readPid() {
        int at = pos;
        int tag = u8(at);
        pos = at + 1;
        Atom node = readAtom(tag);
        boolean old = tag == PID_EXT;
        need(tag, at, pos - at + (old ? 9 : 12));
        int id = s32(pos);
        int serial = s32(pos + 4);
        int creation = old ? oldCreation(tag, at, pos + 8) : s32(pos + 8);
        charge(tag, at, TermMemory.LEAF);
        pos += old ? 9 : 12;
        return new Pid(node, id, serial, creation);
    }

    private Port readPort(int tag, int at) {
        pos = at + 1;
        Atom node = readAtom(tag);
        int fields = switch (tag) {
            case V4_PORT_EXT -> 12;
            case NEW_PORT_EXT -> 8;
            default -> 5;
        };
        need(tag, at, pos - at + fields);
        long id = tag == V4_PORT_EXT ? s64(pos) : u32(pos);
        int creation = switch (tag) {
            case V4_PORT_EXT -> s32(pos + 8);
            case NEW_PORT_EXT -> s32(pos + 4);
            default -> oldCreation(tag, at, pos + 4);
        };
        charge(tag, at, TermMemory.LEAF);
        pos += fields;
        return new Port(node, id, creation);
    }

    private Ref readRef(int tag, int at) {
        int words;
        if (tag == REFERENCE_EXT) {
            words = 1;
            pos = at + 1;
        } else {
            need(tag, at, 3);
            words = u16(at + 1);
            pos = at + 3;
            if (words < 1 || words > Ref.MAX_IDS) {
                throw fail(tag, at, words + " ID words (expected: 1.." + Ref.MAX_IDS + ")");
            }
        }
        Atom node = readAtom(tag);
        charge(tag, at, TermMemory.LEAF + TermMemory.array(4L * words));
        int creation;
        int[] ids = new int[words];
        if (tag == REFERENCE_EXT) {
            need(tag, at, pos - at + 5);
            ids[0] = s32(pos);
            creation = oldCreation(tag, at, pos + 4);
            pos += 5;
            return new Ref(node, creation, ids);
        }
        int creationSize = tag == NEWER_REFERENCE_EXT ? 4 : 1;
        need(tag, at, pos - at + creationSize + 4 * words);
        creation = tag == NEWER_REFERENCE_EXT ? s32(pos) : oldCreation(tag, at, pos);
        pos += creationSize;
        for (int i = 0; i < words; i++) {
            ids[i] = s32(pos + 4 * i);
        }
        pos += 4 * words;
        return new Ref(node, creation, ids);
    }

    /** The one-byte creation of PID_EXT, PORT_EXT and the old references: only 2 bits are significant. */
    private int oldCreation(int tag, int at, int index) {
        int creation = u8(index);
        if (creation > 3) {
            throw fail(tag, at, "creation " + creation + " (expected: 0..3 in the one-byte creation field)");
        }
        return creation;
    }

    // ---------------------------------------------------------------- reads (indexes checked by the caller)

    private int u8(int i) {
        return array != null ? array[arrayOffset + i] & 0xFF : in.get(i) & 0xFF;
    }

    private byte s8(int i) {
        return array != null ? array[arrayOffset + i] : in.get(i);
    }

    private int u16(int i) {
        return (array != null ? (short) SHORT.get(array, arrayOffset + i) : in.getShort(i)) & 0xFFFF;
    }

    private int s32(int i) {
        return array != null ? (int) INT.get(array, arrayOffset + i) : in.getInt(i);
    }

    private long s64(int i) {
        return array != null ? (long) LONG.get(array, arrayOffset + i) : in.getLong(i);
    }

    private void copy(int i, byte[] to, int at, int length) {
        if (array != null) {
            System.arraycopy(array, arrayOffset + i, to, at, length);
        } else {
            in.get(i, to, at, length);
        }
    }

    /** {@return the {@code length} bytes at {@code i} as a buffer from its position to its limit} */
    private ByteBuffer view(int i, int length) {
        return array != null ? ByteBuffer.wrap(array, arrayOffset + i, length) : in.slice(i, length);
    }

    // ---------------------------------------------------------------- bounds

    private long u32(int index) {
        return s32(index) & 0xFFFF_FFFFL;
    }

    /** Checks that {@code count} bytes from the tag at {@code at} are there. */
    private void need(int tag, int at, int count) {
        if (limit - at < count) {
            throw fail(tag, at, "truncated: needs " + count + " bytes, " + (limit - at) + " left");
        }
    }

    /** Checks a declared length against the bytes left after the current position. */
    private void needLength(int tag, int at, long length) {
        if (length > limit - pos) {
            throw fail(tag, at, "length " + length + " exceeds the " + (limit - pos) + " bytes left");
        }
    }

    /** Counts {@code bytes} of memory (estimated, {@link TermMemory}) against what the term may take. */
    private void charge(int tag, int at, long bytes) {
        memoryLeft -= bytes;
        if (memoryLeft < 0) {
            throw fail(tag, at, "the decoded term takes more than the limit of " + config.maxTermMemory()
                    + " bytes of memory (estimated; " + (config.maxTermMemory() - memoryLeft) + " with this term)");
        }
    }

    private EtfDecodeException fail(int tag, int at, String reason) {
        return new EtfDecodeException(tag, at, inflated ? reason + " (in the decompressed term)" : reason);
    }

    /** A tuple, list, map or fun being decoded. */
    private static final class Frame {
        int kind;
        int tag;
        int at;
        int count;
        int expected;
        Term[] items;
        Term tail;
        FunHeader fun;
    }

    /** The fields of a NEW_FUN_EXT read before its free variables. */
    private record FunHeader(long size, int arity, byte[] uniq, int index, Atom module, int oldIndex, int oldUniq, Pid pid) {
    }
}
