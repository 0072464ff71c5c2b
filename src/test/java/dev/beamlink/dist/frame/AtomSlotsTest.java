package dev.beamlink.dist.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.beamlink.etf.Atom;
import org.junit.jupiter.api.Test;

/** A side of the atom cache holds the blocks of the entries filled, and answers every entry. */
class AtomSlotsTest {

    @Test
    void holdsOnlyTheBlocksOfFilledEntries() {
        AtomSlots slots = new AtomSlots();
        assertEquals(0, slots.blocks());
        Atom a = Atom.of("a");
        Atom b = Atom.of("b");
        slots.set(0, a);
        slots.set(AtomSlots.BLOCK_SIZE - 1, b);
        slots.set(DistHeaderFormat.ATOM_CACHE_SIZE - 1, b);
        assertEquals(2, slots.blocks());
        assertSame(a, slots.get(0));
        assertSame(b, slots.get(AtomSlots.BLOCK_SIZE - 1));
        assertSame(b, slots.get(DistHeaderFormat.ATOM_CACHE_SIZE - 1));
        assertNull(slots.get(1));
        assertNull(slots.get(AtomSlots.BLOCK_SIZE)); // a block never filled
        slots.set(0, b);
        assertSame(b, slots.get(0));
    }

    @Test
    void everyEntryCanBeFilled() {
        AtomSlots slots = new AtomSlots();
        for (int entry = 0; entry < DistHeaderFormat.ATOM_CACHE_SIZE; entry++) {
            slots.set(entry, Atom.of("atom" + entry));
        }
        assertEquals(DistHeaderFormat.ATOM_CACHE_SIZE / AtomSlots.BLOCK_SIZE, slots.blocks());
        for (int entry = 0; entry < DistHeaderFormat.ATOM_CACHE_SIZE; entry++) {
            assertEquals("atom" + entry, slots.get(entry).text());
        }
    }
}
