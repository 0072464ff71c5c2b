package dev.beamlink.etf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
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
        Deque<Term> pending = new ArrayDeque<>();
        pending.push(b);
        pending.push(a);
        while (!pending.isEmpty()) {
            Term left = pending.pop();
            Term right = pending.pop();
            int byClass = Integer.compare(typeRank(left), typeRank(right));
            if (byClass != 0) {
                return byClass;
            }
            int result = compareSameClass(left, right, pending);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** Compares two terms of one type class; pushes pairs of children still to compare, first pair on top. */
    private int compareSameClass(Term left, Term right, Deque<Term> pending) {
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
                    pushPairs(pending, a.elements(), b.elements());
                }
                return c;
            }
            case ErlMap a -> {
                return compareMaps(a, (ErlMap) right, pending);
            }
            case Nil a -> {
                return 0;
            }
            case ErlList a -> {
                ErlList b = (ErlList) right;
                int common = Math.min(a.elements().size(), b.elements().size());
                // After the common prefix, what remains of each side is compared as a term.
                pending.push(rest(b, common));
                pending.push(rest(a, common));
                pushPairs(pending, a.elements().subList(0, common), b.elements().subList(0, common));
                return 0;
            }
            case Binary a -> {
                return compareBits(bitsOf(a), bitsOf(right));
            }
            case BitString a -> {
                return compareBits(bitsOf(a), bitsOf(right));
            }
            case Fun a -> {
                return compareFuns(a, right, pending);
            }
            case ExternalFun a -> {
                return compareFuns(a, right, pending);
            }
            default -> {
                return compareNumbers(left, right);
            }
        }
    }

    private int compareFuns(Term left, Term right, Deque<Term> pending) {
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
                c = java.util.Arrays.compareUnsigned(a.uniq(), b.uniq());
            }
            if (c == 0) {
                c = Integer.compare(a.oldIndex(), b.oldIndex());
            }
            if (c == 0) {
                pending.push(b.pid());
                pending.push(a.pid());
                pushPairs(pending, a.freeVars(), b.freeVars());
            }
            return c;
        }
        return left instanceof Fun ? -1 : 1;
    }

    private int compareMaps(ErlMap a, ErlMap b, Deque<Term> pending) {
        int c = Integer.compare(a.size(), b.size());
        if (c != 0) {
            return c;
        }
        List<Term> keysA = new ArrayList<>(a.entries().keySet());
        List<Term> keysB = new ArrayList<>(b.entries().keySet());
        keysA.sort(MAP_KEYS);
        keysB.sort(MAP_KEYS);
        List<Term> valuesA = new ArrayList<>(keysA.size());
        List<Term> valuesB = new ArrayList<>(keysB.size());
        keysA.forEach(k -> valuesA.add(a.entries().get(k)));
        keysB.forEach(k -> valuesB.add(b.entries().get(k)));
        // Keys are compared exactly, whatever this order is; then values in this order.
        for (int i = 0; i < keysA.size(); i++) {
            c = MAP_KEYS.compare(keysA.get(i), keysB.get(i));
            if (c != 0) {
                return c;
            }
        }
        pushPairs(pending, valuesA, valuesB);
        return 0;
    }

    private static Term rest(ErlList list, int from) {
        int size = list.elements().size();
        return from == size ? list.tail() : new ErlList(list.elements().subList(from, size), list.tail());
    }

    private static void pushPairs(Deque<Term> pending, List<Term> left, List<Term> right) {
        for (int i = left.size() - 1; i >= 0; i--) {
            pending.push(right.get(i));
            pending.push(left.get(i));
        }
    }

    private int compareNumbers(Term left, Term right) {
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
