package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Map;

/**
 * A sealed interface of records and enums: a tagged union. Reading dispatches on the term's shape: an atom to the
 * enum constant of that atom, a tuple on its tag (and size) to the record of that tag, a map with
 * {@code __struct__} on its module to the struct record, another map to the one {@link AsMap} record, a list to the
 * one {@link KeywordList} record. Writing takes the mapping of the value's class.
 */
final class UnionCodec extends Codec {

    private final Map<Class<?>, Codec> byClass;
    private final Map<Atom, Object> constants;
    private final Map<Atom, TupleRecordCodec[]> byTag;
    private final Map<Atom, MapRecordCodec> byModule;
    private final MapRecordCodec plainMap;
    private final KeywordRecordCodec keywords;
    private final String expected;

    /**
     * @param byClass   each variant class's mapping
     * @param constants each atom of an enum variant, with its constant
     * @param byTag     the tuple records of each tag (of distinct sizes)
     * @param byModule  the struct records by module atom
     * @param plainMap  the {@link AsMap} record, or null
     * @param keywords  the {@link KeywordList} record, or null
     * @param expected  the shapes, for messages
     */
    UnionCodec(Map<Class<?>, Codec> byClass, Map<Atom, Object> constants, Map<Atom, TupleRecordCodec[]> byTag,
               Map<Atom, MapRecordCodec> byModule, MapRecordCodec plainMap, KeywordRecordCodec keywords,
               String expected) {
        this.byClass = Map.copyOf(byClass);
        this.constants = Map.copyOf(constants);
        this.byTag = Map.copyOf(byTag);
        this.byModule = Map.copyOf(byModule);
        this.plainMap = plainMap;
        this.keywords = keywords;
        this.expected = expected;
    }

    @Override
    Term encode(Object value) {
        Codec variant = null;
        if (value != null) {
            variant = byClass.get(value instanceof Enum<?> constant ? constant.getDeclaringClass() : value.getClass());
        }
        if (variant == null) {
            throw wrongValue(value);
        }
        return variant.encode(value);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        switch (term) {
            case Atom atom -> {
                Object constant = constants.get(atom);
                if (constant != null) {
                    return constant;
                }
            }
            case Tuple tuple when tuple.size() > 0 && tuple.get(0) instanceof Atom tag -> {
                TupleRecordCodec[] tagged = byTag.get(tag);
                if (tagged != null) {
                    for (TupleRecordCodec variant : tagged) {
                        if (variant.arity() == tuple.size()) {
                            return decodeVariant(variant, term, why);
                        }
                    }
                }
            }
            case ErlMap map -> {
                Term module = map.get(MapRecordCodec.STRUCT_KEY);
                RecordCodec variant = module == null ? plainMap : byModule.get(module);
                if (variant != null) {
                    return decodeVariant(variant, term, why);
                }
            }
            case ErlList list when keywords != null -> {
                return decodeVariant(keywords, term, why);
            }
            case Nil nil when keywords != null -> {
                return decodeVariant(keywords, term, why);
            }
            default -> {
            }
        }
        return mismatch(term, why);
    }

    private static Object decodeVariant(RecordCodec variant, Term term, Mismatch why) {
        Object value = variant.decode(term, why);
        return value == NO_MATCH && why != null ? why.within("(" + variant.simpleName() + ")") : value;
    }

    @Override
    String expected() {
        return expected;
    }
}
