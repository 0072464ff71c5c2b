package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Term;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * The template of a record's {@link RecordFunctions}: never loaded as itself. {@link RecordCompiler} defines its
 * bytes as a hidden class a record, whose class data are that record's two method handles. Held in static final
 * fields, they are constants to the JIT, which inlines the whole mapping (every accessor, every component's codec,
 * the constructor) into {@link #encode} and {@link #decode}: what a hand-written mapping would compile to.
 */
final class CompiledRecord implements RecordFunctions {

    private static final MethodHandle ENCODE; // (Object)Term
    private static final MethodHandle DECODE; // (Object)Object

    static {
        try {
            List<?> handles = MethodHandles.classData(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, List.class);
            ENCODE = (MethodHandle) handles.get(0);
            DECODE = (MethodHandle) handles.get(1);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Term encode(Object record) {
        try {
            return (Term) ENCODE.invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a checked exception out of a record's mapping", e); // its handlers convert them
        }
    }

    @Override
    public Object decode(Object source) {
        try {
            return (Object) DECODE.invokeExact(source);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a checked exception out of a record's mapping", e);
        }
    }
}
