package dev.beamlink.etf;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code equals} and {@code hashCode} of the compound terms (tuples, lists, maps, funs), on an explicit
 * stack: a term nested a million levels deep compares and hashes without exhausting the Java stack.
 * Equality is Erlang's {@code =:=}; the leaves use their own {@code equals}/{@code hashCode}.
 */
final class TermEquality {

    private TermEquality() {
    }

    private static boolean isCompound(Term term) {
        return term instanceof Tuple || term instanceof ErlList || term instanceof ErlMap || term instanceof Fun;
    }

    /** {@return whether {@code a =:= b}} */
    static boolean equal(Term a, Term b) {
        Term[] stack = new Term[16];
        int top = 0;
        stack[top++] = a;
        stack[top++] = b;
        while (top > 0) {
            Term right = stack[--top];
            Term left = stack[--top];
            if (left == right) {
                continue;
            }
            if (!isCompound(left) || !isCompound(right)) {
                if (!left.equals(right)) {
                    return false;
                }
                continue;
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
                case ErlMap(Map<Term, Term> entries) when right instanceof ErlMap m -> {
                    Map<Term, Term> other = m.entries();
                    if (entries.size() != other.size()) {
                        return false;
                    }
                    for (Map.Entry<Term, Term> entry : entries.entrySet()) {
                        Term value = other.get(entry.getKey());
                        if (value == null) {
                            return false;
                        }
                        stack = push(stack, top, entry.getValue(), value);
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

    private static Term[] push(Term[] stack, int top, Term left, Term right) {
        if (top + 2 > stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
        }
        stack[top] = left;
        stack[top + 1] = right;
        return stack;
    }

    /** {@return the hash of {@code term}, consistent with {@link #equal}} */
    static int hash(Term root) {
        // Post-order over explicit frames: each frame folds the hashes of its children.
        Frame[] frames = new Frame[8];
        int depth = 0;
        int value = 0;
        Term current = root;
        while (true) {
            if (current != null) {
                if (!isCompound(current)) {
                    value = current.hashCode();
                    current = null;
                } else {
                    if (depth == frames.length) {
                        frames = Arrays.copyOf(frames, depth * 2);
                    }
                    Frame frame = frames[depth] == null ? (frames[depth] = new Frame()) : frames[depth];
                    frame.start(current);
                    depth++;
                    current = frame.next();
                    if (current == null) {
                        value = frame.result();
                        depth--;
                    }
                    continue;
                }
            }
            if (depth == 0) {
                return value;
            }
            Frame frame = frames[depth - 1];
            frame.accept(value);
            current = frame.next();
            if (current == null) {
                value = frame.result();
                depth--;
            }
        }
    }

    /** The hash in progress of one compound term. */
    private static final class Frame {
        private boolean map;
        private Iterator<? extends Object> children;
        private Map.Entry<Term, Term> entry;
        private boolean keyDone;
        private int keyHash;
        private int hash;

        void start(Term term) {
            entry = null;
            keyDone = false;
            map = false;
            switch (term) {
                case Tuple(List<Term> elements) -> {
                    hash = 0x7475706c + elements.size();
                    children = elements.iterator();
                }
                case ErlList list -> {
                    hash = 0x6c697374;
                    children = new TailIterator(list);
                }
                case ErlMap(Map<Term, Term> entries) -> {
                    map = true;
                    hash = 0x6d6170;
                    children = entries.entrySet().iterator();
                }
                case Fun f -> {
                    hash = ((f.module().hashCode() * 31 + f.index()) * 31 + f.arity()) * 31
                            + Arrays.hashCode(f.uniqBytes()) + f.pid().hashCode();
                    children = f.freeVars().iterator();
                }
                default -> throw new IllegalStateException("not compound: " + term.getClass());
            }
        }

        @SuppressWarnings("unchecked")
        Term next() {
            if (map) {
                if (entry != null && !keyDone) {
                    keyDone = true;
                    return entry.getValue();
                }
                if (!children.hasNext()) {
                    return null;
                }
                entry = (Map.Entry<Term, Term>) children.next();
                keyDone = false;
                return entry.getKey();
            }
            return children.hasNext() ? (Term) children.next() : null;
        }

        void accept(int childHash) {
            if (map) {
                if (!keyDone) {
                    keyHash = childHash;
                } else {
                    hash += keyHash ^ (childHash * 0x9E3779B9); // entry hashes add up: order-free
                }
            } else {
                hash = hash * 31 + childHash;
            }
        }

        int result() {
            children = null;
            entry = null;
            return hash;
        }
    }

    /** The elements of a list, then its tail. */
    private static final class TailIterator implements Iterator<Term> {
        private final ErlList list;
        private int index;

        TailIterator(ErlList list) {
            this.list = list;
        }

        @Override
        public boolean hasNext() {
            return index <= list.elements().size();
        }

        @Override
        public Term next() {
            int i = index++;
            return i < list.elements().size() ? list.elements().get(i) : list.tail();
        }
    }
}
