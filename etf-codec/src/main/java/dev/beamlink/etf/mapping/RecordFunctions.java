package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Term;

/** A record's mapping compiled by {@link RecordCompiler}: one call each way, whatever the number of components. */
interface RecordFunctions {

    /**
     * {@return the term of {@code record}, whose class the caller has checked}
     *
     * @throws TermMappingException if a component has no term, its path starting at the component
     */
    Term encode(Object record);

    /**
     * {@return the record read from {@code source}, or {@link Codec#NO_MATCH}} The source is what the record's shape
     * reads its components from, checked by the caller: the tuple, the map, or the keyword list's values by
     * component.
     */
    Object decode(Object source);
}
