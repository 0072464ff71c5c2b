package dev.beamlink.etf.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Term;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Types that cannot be mapped fail when they are prepared, with a message that says where and why. */
class PreparationTest {

    private final TermMapper mapper = new TermMapper();

    record WithThread(String name, List<Thread> threads) { }

    record Tree(String label, List<Tree> children) { }

    sealed interface Expr permits Num, Add { }

    record Num(long value) implements Expr { }

    record Add(Expr left, Expr right) implements Expr { }

    record Ping(List<Pong> pongs) { }

    record Pong(Optional<Ping> ping) { }

    @AsMap
    @ElixirStruct("A.B")
    record TwoShapes(int x) { }

    @AsMap
    @AtomName("tagged")
    record TaggedMap(int x) { }

    record CharlistInt(@Charlist int x) { }

    record AbsentOnPlain(@AbsentAs("nil") String x) { }

    record NullablePrimitive(@Nullable int x) { }

    record NullableOptional(@Nullable Optional<String> x) { }

    record OptionalOptional(Optional<Optional<String>> x) { }

    record SameKey(@AtomName("k") int a, @AtomName("k") int b) { }

    record IntArray(int[] values) { }

    record Sortable<T extends Comparable<T>>(T value) { }

    record KeywordOfInts(@KeywordList Map<Integer, String> x) { }

    record KeywordOnList(@KeywordList List<String> x) { }

    @ElixirStruct("Elixir.My.Mod")
    record Prefixed(int x) { }

    enum Nothing { }

    enum Clash { @AtomName("same") A, @AtomName("same") B }

    record LongName(@AtomName("this name is much longer than the two hundred and fifty five characters an atom may"
            + " have in Erlang, so preparing the record must fail with a message that says how long it is and where"
            + " it was found; a little more text, and a little more, and some more again to pass the limit") int x) { }

    sealed interface SameTags permits First, Second { }

    @AtomName("same")
    record First(int x) implements SameTags { }

    @AtomName("same")
    record Second(int y) implements SameTags { }

    sealed interface TwoMaps permits MapA, MapB { }

    @AsMap
    record MapA(int a) implements TwoMaps { }

    @AsMap
    record MapB(int b) implements TwoMaps { }

    sealed interface OtherKinds permits Plain { }

    static final class Plain implements OtherKinds { }

    private void refused(Type type, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mapper.mapping(type));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aComponentOfAnUnsupportedType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mapper.mapping(WithThread.class));
        assertTrue(e.getMessage().startsWith("cannot map WithThread.threads[]: java.lang.Thread is not a type the mapper"
                + " maps; it maps records, enums,"), e.getMessage());
        IllegalArgumentException bound = assertThrows(IllegalArgumentException.class, () -> mapper.mapping(Sortable.class));
        assertTrue(bound.getMessage().startsWith("cannot map Sortable.value: java.lang.Comparable is not a type the"
                + " mapper maps"), bound.getMessage());
        refused(IntArray.class, "cannot map IntArray.values: [I is not a type the mapper maps; it maps records, enums,"
                + " sealed interfaces of records and enums, String, boolean, byte, short, char, int, long, float, double"
                + " and their boxes, BigInteger, byte[], List, Set, Map, Optional, Object, and Term and its types (Atom,"
                + " Pid, Ref, Tuple...)");
    }

    @Test
    void aTypeThatContainsItself() {
        refused(Tree.class, "cannot map Tree.children[]: the type contains itself (Tree -> Tree): a peer could nest it"
                + " as deep as it likes; map that component as Term");
        refused(Expr.class, "cannot map Expr(Add).left: the type contains itself (Expr -> Add -> Expr): a peer could"
                + " nest it as deep as it likes; map that component as Term");
        refused(Ping.class, "cannot map Ping.pongs[].ping: the type contains itself (Ping -> Pong -> Ping): a peer"
                + " could nest it as deep as it likes; map that component as Term");
    }

    @Test
    void annotationsThatContradictOrMissTheirType() {
        refused(TwoShapes.class, "cannot map TwoShapes: a record takes one of @AsMap, @ElixirStruct and @KeywordList");
        refused(TaggedMap.class, "cannot map TaggedMap: @AtomName names the tag of a tuple: a map, struct or keyword"
                + " list has none");
        refused(CharlistInt.class, "cannot map CharlistInt.x: @Charlist applies to a String, not int");
        refused(AbsentOnPlain.class, "cannot map AbsentOnPlain.x: @AbsentAs applies to an Optional or a @Nullable type,"
                + " not String");
        refused(NullablePrimitive.class, "cannot map NullablePrimitive.x: int is never null: drop @Nullable, or use its box");
        refused(NullableOptional.class, "cannot map NullableOptional.x: an Optional is never null: drop @Nullable");
        refused(OptionalOptional.class, "cannot map OptionalOptional.x: an Optional of an Optional has no term of its own");
        refused(KeywordOfInts.class, "cannot map KeywordOfInts.x[key]: the keys of a keyword list are atoms: String,"
                + " Atom or an enum, not Integer");
        refused(KeywordOnList.class, "cannot map KeywordOnList.x: @KeywordList applies to a Map (or to a record's"
                + " declaration), not a use of List");
        refused(Prefixed.class, "cannot map Prefixed: @ElixirStruct(\"Elixir.My.Mod\"): write the module as Elixir code"
                + " does, MyApp.Order, without the Elixir. prefix");
    }

    @Test
    void namesThatClashOrCannotBeAtoms() {
        refused(SameKey.class, "cannot map SameKey.b: its key k is also a's");
        refused(Clash.class, "cannot map Clash.B: its atom same is also A's");
        refused(Nothing.class, "cannot map Nothing: " + Nothing.class.getName() + " has no constants");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mapper.mapping(LongName.class));
        assertTrue(e.getMessage().startsWith("cannot map LongName.x: atom length: "), e.getMessage());
    }

    @Test
    void unionsWhoseVariantsCannotBeToldApart() {
        refused(SameTags.class, "cannot map SameTags(Second): the tuple {same, ...} of 2 elements is also First's: give"
                + " one an @AtomName");
        refused(TwoMaps.class, "cannot map TwoMaps(MapB): two variants are plain maps (MapA too): a union tells maps"
                + " apart only by __struct__");
        refused(OtherKinds.class, "cannot map OtherKinds: its variant " + Plain.class.getName() + " is not a record, an"
                + " enum or a sealed interface");
    }

    @Test
    void aPreparedTypeIsKeptAndAFailedOneFailsAgain() {
        Term term = mapper.toTerm(new Num(1));
        assertEquals(mapper.mapping(Num.class).fromTerm(term), mapper.fromTerm(term, Num.class));
        assertThrows(IllegalArgumentException.class, () -> mapper.mapping(Tree.class));
        assertThrows(IllegalArgumentException.class, () -> mapper.toTerm(new Tree("a", List.of())));
    }
}
