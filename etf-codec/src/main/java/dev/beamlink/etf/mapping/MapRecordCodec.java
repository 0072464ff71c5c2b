package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Term;
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

    final Atom module; // null: a plain map
    private final String expected;

    /** @param module the struct's module atom ({@code 'Elixir.MyApp.Order'}), or null for a plain map */
    MapRecordCodec(Parts parts, Atom module) {
        super(parts);
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

    @Override
    Term encode(Object value) {
        checkType(value);
        Map<Term, Term> entries = HashMap.newHashMap(keys.length + 1);
        if (module != null) {
            entries.put(STRUCT_KEY, module);
        }
        for (int i = 0; i < keys.length; i++) {
            entries.put(keys[i], encodeComponent(i, component(i, value)));
        }
        return new ErlMap(entries);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (!(term instanceof ErlMap map) || (module != null && !module.equals(map.get(STRUCT_KEY)))) {
            return mismatch(term, why);
        }
        Object[] values = new Object[keys.length];
        for (int i = 0; i < values.length; i++) {
            Object value = decodeComponent(i, map.get(keys[i]), term, why);
            if (value == NO_MATCH) {
                return NO_MATCH;
            }
            values[i] = value;
        }
        return construct(values, term, why);
    }

    @Override
    String expected() {
        return expected;
    }
}
