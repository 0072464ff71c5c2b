package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Compiles a record's mapping into one method handle each way, and those into a hidden class of their own
 * ({@link CompiledRecord}), where the JIT sees them as constants and inlines them whole.
 *
 * <p>Writing: each component's accessor, then its term (a primitive straight to its term, without a box; anything
 * else by its codec, bound as a constant), all handed to the shape's {@code assemble} handle, which makes the tuple,
 * map or keyword list. A failure inside a component gets that component's path segment.
 *
 * <p>Reading: each component's term from the shape's {@code source} handles (the tuple's element, the map's value
 * of its key...), read by its codec into a value or {@link Codec#NO_MATCH}; when none is NO_MATCH, the canonical
 * constructor (whose exception, for values it refuses, is NO_MATCH too). Only for the fast pass: asked why, a record
 * reads its components one by one in Java ({@link RecordCodec}).
 */
final class RecordCompiler {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle CODEC_ENCODE;     // (Codec, Object)Term
    private static final MethodHandle DECODE_COMPONENT; // (Codec, Term)Object
    private static final MethodHandle INT_OF;           // (long)Int
    private static final MethodHandle ATOM_OF;          // (boolean)Atom
    private static final MethodHandle DOUBLE_OF;        // (double)ErlFloat
    private static final MethodHandle FLOAT_OF;         // (float)ErlFloat
    private static final MethodHandle RETHROW_WITHIN;   // (String, TermMappingException, Object)Term
    private static final MethodHandle ACCESSOR_FAILED;  // (Throwable, Object)Object
    private static final MethodHandle REFUSED;          // (Throwable)Object
    private static final MethodHandle IS_VALUE;         // (Object)boolean

    static {
        try {
            CODEC_ENCODE = LOOKUP.findVirtual(Codec.class, "encode", MethodType.methodType(Term.class, Object.class));
            DECODE_COMPONENT = LOOKUP.findStatic(RecordCompiler.class, "decodeComponent",
                    MethodType.methodType(Object.class, Codec.class, Term.class));
            INT_OF = LOOKUP.findStatic(Int.class, "of", MethodType.methodType(Int.class, long.class));
            ATOM_OF = LOOKUP.findStatic(Atom.class, "of", MethodType.methodType(Atom.class, boolean.class));
            DOUBLE_OF = LOOKUP.findStatic(FloatCodec.class, "ofDouble", MethodType.methodType(Term.class, double.class));
            FLOAT_OF = LOOKUP.findStatic(FloatCodec.class, "ofFloat", MethodType.methodType(Term.class, float.class));
            RETHROW_WITHIN = LOOKUP.findStatic(RecordCompiler.class, "rethrowWithin",
                    MethodType.methodType(Term.class, String.class, TermMappingException.class, Object.class));
            ACCESSOR_FAILED = LOOKUP.findStatic(RecordCompiler.class, "accessorFailed",
                    MethodType.methodType(Object.class, Throwable.class, Object.class));
            REFUSED = LOOKUP.findStatic(RecordCompiler.class, "refused", MethodType.methodType(Object.class, Throwable.class));
            IS_VALUE = LOOKUP.findStatic(RecordCompiler.class, "isValue", MethodType.methodType(boolean.class, Object.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RecordCompiler() {
    }

    /**
     * {@return the record's mapping, compiled}
     *
     * @param assemble   the shape's term of the components' terms, {@code (Term, ...)Term}, one a component
     * @param source     for component {@code i}, its term in the shape's source, {@code (S)Term} (null if missing)
     * @param sourceType {@code S}: what {@link RecordFunctions#decode} is given
     */
    static RecordFunctions compile(RecordCodec.Parts parts, MethodHandle assemble, IntFunction<MethodHandle> source,
                                   Class<?> sourceType) {
        int n = parts.codecs().length;
        List<Class<?>> objects = Collections.nCopies(n, Object.class);

        MethodHandle[] encoders = new MethodHandle[n];
        for (int i = 0; i < n; i++) {
            encoders[i] = componentEncoder(parts, i);
        }
        MethodHandle encode = MethodHandles.filterArguments(
                assemble.asType(MethodType.methodType(Term.class, Collections.nCopies(n, Term.class))), 0, encoders);
        encode = MethodHandles.permuteArguments(encode, MethodType.methodType(Term.class, Object.class), new int[n]);

        MethodHandle construct = MethodHandles.catchException(parts.constructor().asType(MethodType.genericMethodType(n)),
                Throwable.class, MethodHandles.dropArguments(REFUSED, 1, objects));
        // Construct only if no value is NO_MATCH: a guard a value, so that no array of them is made.
        MethodHandle noMatch = MethodHandles.dropArguments(MethodHandles.constant(Object.class, Codec.NO_MATCH), 0, objects);
        MethodHandle decode = construct;
        for (int i = n - 1; i >= 0; i--) {
            MethodHandle isValue = MethodHandles.dropArguments(
                    MethodHandles.dropArguments(IS_VALUE, 1, objects.subList(i + 1, n)), 0, objects.subList(0, i));
            decode = MethodHandles.guardWithTest(isValue, decode, noMatch);
        }
        MethodHandle[] decoders = new MethodHandle[n];
        for (int i = 0; i < n; i++) {
            decoders[i] = MethodHandles.filterReturnValue(source.apply(i),
                    MethodHandles.insertArguments(DECODE_COMPONENT, 0, parts.codecs()[i]));
        }
        decode = MethodHandles.filterArguments(decode, 0, decoders);
        decode = MethodHandles.permuteArguments(decode, MethodType.methodType(Object.class, sourceType), new int[n])
                .asType(MethodType.methodType(Object.class, Object.class));
        return define(encode, decode, parts.type());
    }

    /** {@return component {@code i}'s term of the record, {@code (Object)Term}} */
    private static MethodHandle componentEncoder(RecordCodec.Parts parts, int i) {
        MethodHandle accessor = parts.accessors()[i]; // (R)X
        Class<?> type = accessor.type().returnType();
        MethodHandle term; // (X)Term
        if (type == long.class || type == int.class || type == short.class || type == byte.class || type == char.class) {
            term = INT_OF;
        } else if (type == boolean.class) {
            term = ATOM_OF;
        } else if (type == double.class) {
            term = DOUBLE_OF;
        } else if (type == float.class) {
            term = FLOAT_OF;
        } else {
            term = CODEC_ENCODE.bindTo(parts.codecs()[i]);
            type = Object.class;
        }
        MethodHandle getter = accessor.asType(MethodType.methodType(type, Object.class));
        getter = MethodHandles.catchException(getter, Throwable.class,
                ACCESSOR_FAILED.asType(MethodType.methodType(type, Throwable.class, Object.class)));
        MethodHandle encoder = MethodHandles.filterReturnValue(getter,
                term.asType(MethodType.methodType(Term.class, type)));
        return MethodHandles.catchException(encoder, TermMappingException.class,
                MethodHandles.insertArguments(RETHROW_WITHIN, 0, "." + parts.names()[i]));
    }

    private static RecordFunctions define(MethodHandle encode, MethodHandle decode, Class<?> record) {
        try (InputStream template = RecordCompiler.class.getResourceAsStream("CompiledRecord.class")) {
            if (template == null) {
                throw new IllegalStateException("CompiledRecord.class is not beside RecordCompiler.class");
            }
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClassWithClassData(template.readAllBytes(),
                    List.of(encode, decode), true);
            return (RecordFunctions) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot compile the mapping of " + record.getName(), e);
        }
    }

    private static Object decodeComponent(Codec codec, Term term) {
        return term == null ? codec.absent() : codec.decode(term, null);
    }

    private static Term rethrowWithin(String segment, TermMappingException e, Object record) {
        throw e.within(segment);
    }

    private static Object accessorFailed(Throwable e, Object record) {
        if (e instanceof Error error) {
            throw error;
        }
        throw new TermMappingException("the value of the accessor", "an exception thrown by it", e);
    }

    private static Object refused(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        return Codec.NO_MATCH;
    }

    private static boolean isValue(Object value) {
        return value != Codec.NO_MATCH;
    }
}
