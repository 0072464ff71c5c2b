package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Term;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;

/**
 * A record as a map with an atom key a component ({@link AsMap}), or as an Elixir struct ({@link ElixirStruct}):
 * the same map with the key {@code __struct__} holding the module atom. Keys the record has no component for are
 * ignored; a missing key is an absent value where the component allows one.
 */
final class MapRecordCodec extends RecordCodec {

    /** The key of an Elixir struct's module. */
    static final Atom STRUCT_KEY = Atom.of("__struct__");

    private static final MethodHandle MAP_OF; // (Atom, Atom[], Term[])Term
    private static final MethodHandle GET;    // (ErlMap, Term)Term

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MAP_OF = lookup.findStatic(MapRecordCodec.class, "mapOf",
                    MethodType.methodType(Term.class, Atom.class, Atom[].class, Term[].class));
            GET = lookup.findVirtual(ErlMap.class, "get", MethodType.methodType(Term.class, Term.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Atom module; // null: a plain map
    private final String expected;

    /** @param module the struct's module atom ({@code 'Elixir.MyApp.Order'}), or null for a plain map */
    MapRecordCodec(Parts parts, Atom module) {
        super(parts, MethodHandles.insertArguments(MAP_OF, 0, module, parts.keys().clone())
                        .asCollector(Term[].class, parts.keys().length),
                i -> MethodHandles.insertArguments(GET, 1, parts.keys()[i]), ErlMap.class);
        this.module = module;
        if (module == null) {
            StringBuilder keyList = new StringBuilder();
            for (Atom key : keys) {
                keyList.append(keyList.isEmpty() ? "" : ", ").append(key);
            }
            this.expected = keys.length == 0 ? "a map" : "a map with the keys " + keyList;
        } else {
            String alias = module.text().substring("Elixir.".length());
            this.expected = "a %" + alias + "{} struct (a map with " + STRUCT_KEY + " => " + module + ")";
        }
    }

    /** {@return the map of {@code keys} to {@code values}, with {@code __struct__ => module} unless it is null} */
    private static Term mapOf(Atom module, Atom[] keys, Term[] values) {
        Map<Term, Term> entries = HashMap.newHashMap(keys.length + 1);
        if (module != null) {
            entries.put(STRUCT_KEY, module);
        }
        for (int i = 0; i < keys.length; i++) {
            entries.put(keys[i], values[i]);
        }
        return new ErlMap(entries);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (!(term instanceof ErlMap map) || (module != null && !module.equals(map.get(STRUCT_KEY)))) {
            return mismatch(term, why);
        }
        if (why == null) {
            return compiled.decode(map);
        }
        Term[] terms = new Term[keys.length];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = map.get(keys[i]);
        }
        return decodeSaying(terms, term, why);
    }

    @Override
    String expected() {
        return expected;
    }
}
