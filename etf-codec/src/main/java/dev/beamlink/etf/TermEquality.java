package dev.beamlink.etf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code equals} and {@code hashCode} of the compound terms (tuples, lists, maps, funs), on explicit stacks:
 * a term nested a million levels deep, maps inside map keys too, compares and hashes without exhausting
 * the Java stack. Equality is Erlang's {@code =:=}; the leaves use their own {@code equals}/{@code hashCode}.
 *
 * <p>Hash codes are seeded ({@link TermHash}) and cached: the hash of the elements of a tuple, list or fun
 * in their {@link TermArrayList}, that of a map in its {@link FrozenTermMap}; so each part of a term is
 * hashed once, however many enclosing terms are hashed after it (a chain of maps each the key of the next
 * decodes in linear time).
 */
final class TermEquality {

    private static final long TUPLE = 1;
    private static final long LIST = 2;
    private static final long MAP = 3;
    private static final long FUN = 4;
    private static final long ELEMENTS = 5;

    private TermEquality() {
    }

    private static boolean isCompound(Term term) {
        return term instanceof Tuple || term instanceof ErlList || term instanceof ErlMap || term instanceof Fun;
    }

    // ---------------------------------------------------------------- equality

    /** {@return whether {@code a =:= b}} */
    static boolean equal(Term a, Term b) {
        Term[] stack = new Term[16];
        int top = 0;
        stack[top++] = a;
        stack[top++] = b;
        while (top > 0) {
            Term right = stack[--top];
            Term left = stack[--top];
            stack[top] = null;
            stack[top + 1] = null;
            if (left == right) {
                continue;
            }
            if (!isCompound(left) || !isCompound(right)) {
                if (!left.equals(right)) {
                    return false;
                }
                continue;
            }
            int leftHash = cachedHash(left);
            int rightHash = cachedHash(right);
            if (leftHash != 0 && rightHash != 0 && leftHash != rightHash) {
                return false;
            }
            List<Term> leftChildren;
            List<Term> rightChildren;
            switch (left) {
                case Tuple(List<Term> elements) when right instanceof Tuple t -> {
                    leftChildren = elements;
                    rightChildren = t.elements();
                }
                case ErlList l when right instanceof ErlList r -> {
                    if (l.elements().size() != r.elements().size()) {
                        return false;
                    }
                    stack = push(stack, top, l.tail(), r.tail());
                    top += 2;
                    leftChildren = l.elements();
                    rightChildren = r.elements();
                }
                case ErlMap l when right instanceof ErlMap r -> {
                    Term[] pairs = matchedPairs(l.frozen(), r.frozen());
                    if (pairs == null) {
                        return false;
                    }
                    for (int i = pairs.length - 2; i >= 0; i -= 2) {
                        stack = push(stack, top, pairs[i], pairs[i + 1]);
                        top += 2;
                    }
                    continue;
                }
                case Fun f when right instanceof Fun g -> {
                    if (f.arity() != g.arity() || f.index() != g.index() || f.oldIndex() != g.oldIndex()
                            || f.oldUniq() != g.oldUniq() || !f.module().equals(g.module())
                            || !Arrays.equals(f.uniqBytes(), g.uniqBytes()) || !f.pid().equals(g.pid())) {
                        return false;
                    }
                    leftChildren = f.freeVars();
                    rightChildren = g.freeVars();
                }
                default -> {
                    return false;
                }
            }
            int n = leftChildren.size();
            if (n != rightChildren.size()) {
                return false;
            }
            for (int i = n - 1; i >= 0; i--) {
                stack = push(stack, top, leftChildren.get(i), rightChildren.get(i));
                top += 2;
            }
        }
        return true;
    }

    /**
     * {@return the pairs of terms that must be equal for the maps to be: left key, right key, left value, right
     * value, ... ; or null when the maps cannot be equal} Keys are matched by hash code (no {@code equals}, which
     * would nest a comparison for each map inside a key); when that cannot tell, by map-key order.
     */
    private static Term[] matchedPairs(FrozenTermMap a, FrozenTermMap b) {
        int n = a.size();
        if (n != b.size()) {
            return null;
        }
        Term[] pairs = new Term[4 * n];
        boolean byHash = true;
        for (int i = 0; i < n && byHash; i++) {
            int j = b.findByHash(hash(a.keyAt(i)));
            if (j == -1) {
                return null; // no key of b has this key's hash: it has no equal there
            }
            byHash = j >= 0;
            pairs[4 * i] = a.keyAt(i);
            pairs[4 * i + 1] = byHash ? b.keyAt(j) : null;
            pairs[4 * i + 2] = a.valueAt(i);
            pairs[4 * i + 3] = byHash ? b.valueAt(j) : null;
        }
        if (!byHash) {
            Term[] inOrderA = TermOrder.sortedPairs(a);
            Term[] inOrderB = TermOrder.sortedPairs(b);
            for (int i = 0; i < 2 * n; i++) {
                pairs[2 * i] = inOrderA[i];
                pairs[2 * i + 1] = inOrderB[i];
            }
        }
        return pairs;
    }

    private static Term[] push(Term[] stack, int top, Term left, Term right) {
        if (top + 2 > stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
        }
        stack[top] = left;
        stack[top + 1] = right;
        return stack;
    }

    // ---------------------------------------------------------------- hash codes

    /** {@return the hash of {@code term}, consistent with {@link #equal}} */
    static int hash(Term root) {
        int h = cachedHash(root);
        if (h != 0 || !isCompound(root)) {
            return h != 0 ? h : root.hashCode();
        }
        // Post-order over the compound terms not hashed yet: a term is hashed once its children are.
        List<Term> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Term term = stack.get(stack.size() - 1);
            if (cachedHash(term) != 0) {
                stack.remove(stack.size() - 1);
                continue;
            }
            int before = stack.size();
            switch (term) {
                case Tuple(List<Term> elements) -> pushUnhashed(stack, elements);
                case ErlList list -> {
                    pushUnhashed(stack, list.elements());
                    pushUnhashed(stack, list.tail());
                }
                case ErlMap map -> {
                    Term[] pairs = map.frozen().pairs();
                    for (int i = 2 * map.size() - 1; i >= 0; i--) {
                        pushUnhashed(stack, pairs[i]);
                    }
                }
                case Fun fun -> pushUnhashed(stack, fun.freeVars());
                default -> throw new IllegalStateException("not compound: " + term.getClass());
            }
            if (stack.size() == before) {
                computeHash(term);
                stack.remove(stack.size() - 1);
            }
        }
        return cachedHash(root);
    }

    private static void pushUnhashed(List<Term> stack, List<Term> terms) {
        if (((TermArrayList) terms).cachedHash() == 0) {
            for (int i = terms.size() - 1; i >= 0; i--) {
                pushUnhashed(stack, terms.get(i));
            }
        }
    }

    private static void pushUnhashed(List<Term> stack, Term term) {
        if (isCompound(term) && cachedHash(term) == 0) {
            stack.add(term);
        }
    }

    /** {@return the hash of a leaf, or of a compound term whose parts are hashed} */
    private static int known(Term term) {
        return isCompound(term) ? cachedHash(term) : term.hashCode();
    }

    /** Hashes the parts of {@code term} that are not cached yet, its children being hashed. */
    private static void computeHash(Term term) {
        switch (term) {
            case Tuple(List<Term> elements) -> elementsHash(elements);
            case ErlList list -> elementsHash(list.elements());
            case Fun fun -> elementsHash(fun.freeVars());
            case ErlMap map -> {
                FrozenTermMap entries = map.frozen();
                long sum = 0;
                for (int i = 0; i < entries.size(); i++) {
                    sum += TermHash.entry(known(entries.keyAt(i)), known(entries.valueAt(i)));
                }
                entries.cachedHash(TermHash.finish(TermHash.add(TermHash.add(TermHash.start(MAP), (int) sum),
                        (int) (sum >>> 32))));
            }
            default -> throw new IllegalStateException("not compound: " + term.getClass());
        }
    }

    private static int elementsHash(List<Term> elements) {
        TermArrayList list = (TermArrayList) elements;
        int h = list.cachedHash();
        if (h == 0) {
            long state = TermHash.start(ELEMENTS);
            for (int i = 0; i < list.size(); i++) {
                state = TermHash.add(state, known(list.get(i)));
            }
            h = TermHash.finish(TermHash.add(state, list.size()));
            list.cachedHash(h);
        }
        return h;
    }

    /**
     * {@return the hash of a compound term from its cached parts, or 0 when a part is not hashed yet} A
     * tuple's, list's or fun's from the hash of its elements (a list's and its tail's; a fun's and its other
     * fields), a map's its own.
     */
    private static int cachedHash(Term term) {
        switch (term) {
            case Tuple(List<Term> elements) -> {
                int h = ((TermArrayList) elements).cachedHash();
                return h == 0 ? 0 : TermHash.finish(TermHash.add(TermHash.start(TUPLE), h));
            }
            case ErlList list -> {
                int h = ((TermArrayList) list.elements()).cachedHash();
                Term tail = list.tail();
                int tailHash = h == 0 ? 0 : isCompound(tail) ? cachedHash(tail) : TermHash.ofLong(tail.hashCode());
                return tailHash == 0 ? 0 : TermHash.finish(TermHash.add(TermHash.add(TermHash.start(LIST), h), tailHash));
            }
            case ErlMap map -> {
                return map.frozen().cachedHash();
            }
            case Fun f -> {
                int h = ((TermArrayList) f.freeVars()).cachedHash();
                if (h == 0) {
                    return 0;
                }
                long state = TermHash.add(TermHash.start(FUN), h);
                state = TermHash.add(state, f.module().hashCode());
                state = TermHash.add(state, TermHash.of(f.index(), f.arity(), f.oldIndex()));
                state = TermHash.add(state, TermHash.of(f.oldUniq(), TermHash.ofBytes(f.uniqBytes(), 0, Fun.UNIQ_SIZE)));
                return TermHash.finish(TermHash.add(state, f.pid().hashCode()));
            }
            default -> {
                return 0;
            }
        }
    }
}
