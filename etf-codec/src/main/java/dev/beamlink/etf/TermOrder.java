package dev.beamlink.etf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Erlang's term order: {@code number < atom < reference < fun < port < pid < tuple < map < nil < list < bit string}.
 *
 * <ul>
 *   <li>{@link #STANDARD} is the order of {@code <} and {@code ==}: {@code 1} and {@code 1.0} compare equal,
 *       as do {@code 0.0} and {@code -0.0}; so it is not consistent with {@code equals}.</li>
 *   <li>{@link #MAP_KEYS} is OTP's exact order, the one map keys are sorted by: every integer precedes every
 *       float, and floats are ordered by {@link Double#compare} ({@code -0.0} before {@code 0.0}). It is
 *       consistent with {@code equals}, so it suits sorted collections.</li>
 * </ul>
 *
 * <p>Within a type, as observed on OTP 25: atoms by code point; tuples by size, then element by element;
 * maps by size, then keys in map-key order, then values in that key order; lists element by element
 * (a shorter proper list first); bit strings bit by bit (a prefix first); pids by serial, then number, then
 * node and creation; ports and references by node and creation, then by number. Comparisons run on an explicit stack, so deeply
 * nested terms do not exhaust the Java stack.
 */
public final class TermOrder implements Comparator<Term> {

    /** The order of Erlang's {@code <} and {@code ==}. */
    public static final TermOrder STANDARD = new TermOrder(false);

    /** OTP's exact (map key) order: consistent with {@code equals}. */
    public static final TermOrder MAP_KEYS = new TermOrder(true);

    private final boolean exact;

    private TermOrder(boolean exact) {
        this.exact = exact;
    }

    @Override
    public int compare(Term a, Term b) {
        // The common map keys, and terms of different types, need no stack.
        if (a instanceof Int(long x) && b instanceof Int(long y)) {
            return Long.compare(x, y);
        } else if (a instanceof Atom(String x) && b instanceof Atom(String y)) {
            return compareCodePoints(x, y);
        } else if (a instanceof Binary x && b instanceof Binary y) {
            return Integer.signum(Arrays.compareUnsigned(x.array(), x.offset(), x.offset() + x.size(),
                    y.array(), y.offset(), y.offset() + y.size()));
        }
        int byRank = Integer.compare(typeRank(a), typeRank(b));
        if (byRank != 0) {
            return byRank;
        }
        Pending pending = new Pending();
        pending.push(a, b, exact);
        while (pending.size > 0) {
            pending.size--;
            Term left = pending.left[pending.size];
            Term right = pending.right[pending.size];
            boolean exactly = pending.exact[pending.size];
            pending.left[pending.size] = null;
            pending.right[pending.size] = null;
            int byClass = Integer.compare(typeRank(left), typeRank(right));
            if (byClass != 0) {
                return byClass;
            }
            int result = compareSameClass(left, right, exactly, pending);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** The pairs still to compare, the next on top, each with its order: exact for map keys and inside them. */
    private static final class Pending {
        Term[] left = new Term[8];
        Term[] right = new Term[8];
        boolean[] exact = new boolean[8];
        int size;

        void push(Term a, Term b, boolean exactly) {
            if (size == left.length) {
                left = Arrays.copyOf(left, 2 * size);
                right = Arrays.copyOf(right, 2 * size);
                exact = Arrays.copyOf(exact, 2 * size);
            }
            left[size] = a;
            right[size] = b;
            exact[size] = exactly;
            size++;
        }

        /** Pushes the pairs of the first {@code to} of {@code a} and {@code b}, the first pair on top. */
        void pushAll(List<Term> a, List<Term> b, int to, boolean exactly) {
            for (int i = to - 1; i >= 0; i--) {
                push(a.get(i), b.get(i), exactly);
            }
        }
    }

    /** Compares two terms of one type class; pushes pairs of children still to compare, first pair on top. */
    private static int compareSameClass(Term left, Term right, boolean exact, Pending pending) {
        switch (left) {
            case Int a when right instanceof Int b -> {
                return Long.compare(a.value(), b.value());
            }
            case Atom a -> {
                return compareCodePoints(a.text(), ((Atom) right).text());
            }
            case Ref a -> {
                Ref b = (Ref) right;
                int c = compareNodes(a.node(), a.creation(), b.node(), b.creation());
                for (int i = Math.max(a.idCount(), b.idCount()) - 1; c == 0 && i >= 0; i--) {
                    c = Integer.compareUnsigned(i < a.idCount() ? a.id(i) : 0, i < b.idCount() ? b.id(i) : 0);
                }
                return c;
            }
            case Port a -> {
                Port b = (Port) right;
                int c = compareNodes(a.node(), a.creation(), b.node(), b.creation());
                return c != 0 ? c : Long.compareUnsigned(a.id(), b.id());
            }
            case Pid a -> {
                // OTP 25: serial, then number, then node, then creation (unlike ports and references,
                // which put the node first).
                Pid b = (Pid) right;
                int c = Integer.compareUnsigned(a.serial(), b.serial());
                if (c == 0) {
                    c = Integer.compareUnsigned(a.id(), b.id());
                }
                return c != 0 ? c : compareNodes(a.node(), a.creation(), b.node(), b.creation());
            }
            case Tuple a -> {
                Tuple b = (Tuple) right;
                int c = Integer.compare(a.size(), b.size());
                if (c == 0) {
                    pending.pushAll(a.elements(), b.elements(), a.size(), exact);
                }
                return c;
            }
            case ErlMap a -> {
                return compareMaps(a.frozen(), ((ErlMap) right).frozen(), exact, pending);
            }
            case Nil a -> {
                return 0;
            }
            case ErlList a -> {
                ErlList b = (ErlList) right;
                int common = Math.min(a.elements().size(), b.elements().size());
                // After the common prefix, what remains of each side is compared as a term.
                pending.push(rest(a, common), rest(b, common), exact);
                pending.pushAll(a.elements(), b.elements(), common, exact);
                return 0;
            }
            case Binary a -> {
                return compareBits(bitsOf(a), bitsOf(right));
            }
            case BitString a -> {
                return compareBits(bitsOf(a), bitsOf(right));
            }
            case Fun a -> {
                return compareFuns(a, right, exact, pending);
            }
            case ExternalFun a -> {
                return compareFuns(a, right, exact, pending);
            }
            default -> {
                return compareNumbers(left, right, exact);
            }
        }
    }

    private static int compareFuns(Term left, Term right, boolean exact, Pending pending) {
        // Local funs before external funs; local funs by module, index, uniq, then free variables.
        if (left instanceof ExternalFun a && right instanceof ExternalFun b) {
            int c = compareCodePoints(a.module().text(), b.module().text());
            if (c == 0) {
                c = compareCodePoints(a.function().text(), b.function().text());
            }
            return c != 0 ? c : Integer.compare(a.arity(), b.arity());
        }
        if (left instanceof Fun a && right instanceof Fun b) {
            // erts (utils.c, FUN_DEF): module, index, old uniq, number of free variables, then the free
            // variables. The other fields only break ties, so that the order stays consistent with equals:
            // the MD5 uniq and the old index (equal whenever module, index and old uniq are), and, after the
            // free variables, the creating process.
            int c = compareCodePoints(a.module().text(), b.module().text());
            if (c == 0) {
                c = Integer.compare(a.index(), b.index());
            }
            if (c == 0) {
                c = Integer.compareUnsigned(a.oldUniq(), b.oldUniq());
            }
            if (c == 0) {
                c = Integer.compare(a.freeVars().size(), b.freeVars().size());
            }
            if (c == 0) {
                c = Arrays.compareUnsigned(a.uniqBytes(), b.uniqBytes());
            }
            if (c == 0) {
                c = Integer.compare(a.oldIndex(), b.oldIndex());
            }
            if (c == 0) {
                pending.push(a.pid(), b.pid(), exact);
                pending.pushAll(a.freeVars(), b.freeVars(), a.freeVars().size(), exact);
            }
            return c;
        }
        return left instanceof Fun ? -1 : 1;
    }

    /**
     * Maps: by size, then the keys in map-key order compared exactly, whatever this order is; then the
     * values in that key order, in this order. Pushes the pairs (keys on top): no nested comparison.
     */
    private static int compareMaps(FrozenTermMap a, FrozenTermMap b, boolean exact, Pending pending) {
        int c = Integer.compare(a.size(), b.size());
        if (c != 0) {
            return c;
        }
        Term[] pairsA = sortedPairs(a);
        Term[] pairsB = sortedPairs(b);
        for (int i = pairsA.length - 1; i >= 1; i -= 2) {
            pending.push(pairsA[i], pairsB[i], exact);
        }
        for (int i = pairsA.length - 2; i >= 0; i -= 2) {
            pending.push(pairsA[i], pairsB[i], true);
        }
        return 0;
    }

    // ---------------------------------------------------------------- map keys in map-key order

    /**
     * {@return the pairs of {@code map} (key, value ...) with the keys in map-key order} Cached in the map.
     *
     * <p>Sorting compares keys, and comparing two maps among them asks for their sorted pairs in turn: so the
     * maps inside the keys are sorted first, innermost first, on an explicit stack ({@link #prepare}), and a
     * comparison made while sorting finds every map it meets sorted already. No depth of maps inside map keys
     * can nest calls deeper than one sort inside one comparison.
     */
    static Term[] sortedPairs(FrozenTermMap map) {
        Term[] inOrder = map.sortedOrNull();
        if (inOrder == null) {
            inOrder = map.pairsIn(keyOrder(map));
            map.sorted(inOrder);
        }
        return inOrder;
    }

    /** {@return the key numbers of {@code map} in map-key order} Not cached: see {@link #sortedPairs}. */
    static int[] keyOrder(FrozenTermMap map) {
        for (int i = 0; i < map.size(); i++) {
            prepare(map.keyAt(i));
        }
        return sortOnly(map);
    }

    /**
     * Gives every map inside {@code root} (through tuples, lists, funs, and the keys and values of maps) its
     * sorted pairs, inner maps before the maps that hold them; maps marked deep are skipped, with all inside.
     */
    private static void prepare(Term root) {
        if (!isCompound(root)) {
            return;
        }
        ArrayList<Object> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Object item = stack.remove(stack.size() - 1);
            if (item instanceof Done(FrozenTermMap map)) {
                if (map.sortedOrNull() == null) {
                    map.sorted(map.pairsIn(sortOnly(map)));
                }
                map.deep(true);
                continue;
            }
            switch ((Term) item) {
                case Tuple(List<Term> elements) -> pushCompound(stack, elements);
                case ErlList list -> {
                    pushCompound(stack, list.elements());
                    if (isCompound(list.tail())) {
                        stack.add(list.tail());
                    }
                }
                case Fun fun -> pushCompound(stack, fun.freeVars());
                case ErlMap m -> {
                    FrozenTermMap map = m.frozen();
                    if (!map.deep()) {
                        stack.add(new Done(map));
                        Term[] pairs = map.pairs();
                        for (int i = 2 * map.size() - 1; i >= 0; i--) {
                            if (isCompound(pairs[i])) {
                                stack.add(pairs[i]);
                            }
                        }
                    }
                }
                default -> { }
            }
        }
    }

    /** A map whose insides are prepared: it is sorted next. */
    private record Done(FrozenTermMap map) {
    }

    private static void pushCompound(ArrayList<Object> stack, List<Term> terms) {
        for (int i = terms.size() - 1; i >= 0; i--) {
            Term term = terms.get(i);
            if (isCompound(term)) {
                stack.add(term);
            }
        }
    }

    private static boolean isCompound(Term term) {
        return term instanceof Tuple || term instanceof ErlList || term instanceof ErlMap || term instanceof Fun;
    }

    /** Sorts the key numbers of a map whose keys are prepared. */
    private static int[] sortOnly(FrozenTermMap map) {
        int n = map.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n > 1) {
            sortKeyNumbers(order, new int[n], 0, n, map);
        }
        return order;
    }

    /** A merge sort of {@code order[from..to)} by key, in map-key order (insertion sort for short runs). */
    private static void sortKeyNumbers(int[] order, int[] scratch, int from, int to, FrozenTermMap map) {
        if (to - from <= 32) {
            for (int i = from + 1; i < to; i++) {
                int k = order[i];
                Term key = map.keyAt(k);
                int j = i - 1;
                while (j >= from && MAP_KEYS.compare(map.keyAt(order[j]), key) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = k;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        sortKeyNumbers(order, scratch, from, middle, map);
        sortKeyNumbers(order, scratch, middle, to, map);
        if (MAP_KEYS.compare(map.keyAt(order[middle - 1]), map.keyAt(order[middle])) <= 0) {
            return;
        }
        System.arraycopy(order, from, scratch, from, to - from);
        for (int i = from, l = from, r = middle; i < to; i++) {
            if (r >= to || (l < middle && MAP_KEYS.compare(map.keyAt(scratch[l]), map.keyAt(scratch[r])) <= 0)) {
                order[i] = scratch[l++];
            } else {
                order[i] = scratch[r++];
            }
        }
    }

    private static Term rest(ErlList list, int from) {
        int size = list.elements().size();
        return from == size ? list.tail() : new ErlList(list.elements().subList(from, size), list.tail());
    }

    private static int compareNumbers(Term left, Term right, boolean exact) {
        if (left instanceof ErlFloat(double a) && right instanceof ErlFloat(double b)) {
            return exact ? Double.compare(a, b) : Double.compare(a == 0 ? 0.0 : a, b == 0 ? 0.0 : b);
        }
        boolean leftFloat = left instanceof ErlFloat;
        boolean rightFloat = right instanceof ErlFloat;
        if (exact && leftFloat != rightFloat) {
            return leftFloat ? 1 : -1;
        }
        if (!leftFloat && !rightFloat) {
            return toBigInteger(left).compareTo(toBigInteger(right));
        }
        return toBigDecimal(left).compareTo(toBigDecimal(right));
    }

    private static BigInteger toBigInteger(Term integer) {
        return integer instanceof Int(long v) ? BigInteger.valueOf(v) : ((BigInt) integer).value();
    }

    private static BigDecimal toBigDecimal(Term number) {
        return switch (number) {
            case Int(long v) -> BigDecimal.valueOf(v);
            case BigInt(BigInteger v) -> new BigDecimal(v);
            case ErlFloat(double v) -> new BigDecimal(v);
            default -> throw new IllegalStateException("not a number: " + number);
        };
    }

    private static int compareNodes(Atom nodeA, int creationA, Atom nodeB, int creationB) {
        int c = compareCodePoints(nodeA.text(), nodeB.text());
        return c != 0 ? c : Integer.compareUnsigned(creationA, creationB);
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Bits of a binary or bit string: bytes and the bit count. */
    private record Bits(byte[] bytes, int offset, long bitSize) {
    }

    private static Bits bitsOf(Term term) {
        return term instanceof Binary binary
                ? new Bits(binary.array(), binary.offset(), (long) binary.size() * Byte.SIZE)
                : new Bits(((BitString) term).bytes(), 0, ((BitString) term).bitSize());
    }

    private static int compareBits(Bits a, Bits b) {
        long common = Math.min(a.bitSize, b.bitSize);
        long wholeBytes = common / 8;
        for (int i = 0; i < wholeBytes; i++) {
            int c = Integer.compare(a.bytes[a.offset + i] & 0xFF, b.bytes[b.offset + i] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        int restBits = (int) (common % 8);
        if (restBits > 0) {
            int mask = 0xFF << (8 - restBits) & 0xFF;
            int c = Integer.compare(a.bytes[a.offset + (int) wholeBytes] & mask, b.bytes[b.offset + (int) wholeBytes] & mask);
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(a.bitSize, b.bitSize);
    }

    /** number < atom < reference < fun < port < pid < tuple < map < nil < list < bit string. */
    private static int typeRank(Term term) {
        return switch (term) {
            case Int i -> 0;
            case BigInt i -> 0;
            case ErlFloat f -> 0;
            case Atom a -> 1;
            case Ref r -> 2;
            case Fun f -> 3;
            case ExternalFun f -> 3;
            case Port p -> 4;
            case Pid p -> 5;
            case Tuple t -> 6;
            case ErlMap m -> 7;
            case Nil n -> 8;
            case ErlList l -> 9;
            case Binary b -> 10;
            case BitString b -> 10;
        };
    }
}
