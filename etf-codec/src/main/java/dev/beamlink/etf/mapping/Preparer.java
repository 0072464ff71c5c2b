package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Prepares the mapping of a Java type, once: reads its annotations, derives its atoms, takes method handles on
 * records' accessors and canonical constructors, and refuses what cannot be mapped with an
 * {@link IllegalArgumentException} that says where and why. Records, enums and sealed interfaces are kept in the
 * mapper's cache as they are made. A type that contains itself is refused: a peer could nest it as deep as it
 * likes, and reading it would recurse that deep.
 *
 * <p>Not thread-safe: {@link TermMapper} runs one at a time, under its lock.
 */
final class Preparer {

    /** The deepest a type may nest (a list in a map in a record...): also how deep a decode ever recurses. */
    static final int MAX_DEPTH = 64;

    private static final Atom UNDEFINED = Atom.UNDEFINED;
    private static final Atom NIL = Atom.of("nil");
    private static final String SUPPORTED = "records, enums, sealed interfaces of records and enums, String, boolean,"
            + " byte, short, char, int, long, float, double and their boxes, BigInteger, byte[], List, Set, Map,"
            + " Optional, Object, and Term and its types (Atom, Pid, Ref, Tuple...)";

    /** The conventions a record sets for the types in its components. */
    private record Defaults(Atom absent, boolean charlist) {
    }

    /** What a type variable stands for, and the variables in scope where it was given. */
    private record Binding(Type type, AnnotatedType annotated, Map<TypeVariable<?>, Binding> scope) {
    }

    /** A use of a type: the type, its annotations where known (type use and declaration), and its variables. */
    private record Use(Type type, AnnotatedType annotated, List<Annotation> annotations,
                       Map<TypeVariable<?>, Binding> scope, Defaults defaults, String where, int depth) {

        <A extends Annotation> A annotation(Class<A> kind) {
            for (Annotation a : annotations) {
                if (kind.isInstance(a)) {
                    return kind.cast(a);
                }
            }
            return null;
        }

        /** Nullable by any annotation of that simple name (JSpecify's, JetBrains', Jakarta's...). */
        boolean nullable() {
            return annotations.stream().anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable"));
        }

        /** {@return the use of type argument {@code index}, {@code Object} for a raw type} */
        Use argument(int index, String suffix) {
            Type arg = type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
            AnnotatedType annotatedArg = annotated instanceof AnnotatedParameterizedType p
                    ? p.getAnnotatedActualTypeArguments()[index] : null;
            return new Use(arg, annotatedArg, annotationsOf(annotatedArg), scope, defaults, where + suffix, depth + 1);
        }
    }

    private final TermMapper mapper;
    private final Map<Type, Codec> cache;
    private final List<Class<?>> inProgress = new ArrayList<>();

    /** @param cache the mapper's prepared records, enums and unions: this adds those it makes */
    Preparer(TermMapper mapper, Map<Type, Codec> cache) {
        this.mapper = mapper;
        this.cache = cache;
    }

    /** {@return the mapping of {@code type}} @throws IllegalArgumentException if it cannot be mapped */
    Codec prepare(Type type) {
        return prepare(new Use(type, null, List.of(), Map.of(), new Defaults(UNDEFINED, false), Names.typeName(type), 0));
    }

    private Codec prepare(Use use) {
        if (use.depth() > MAX_DEPTH) {
            throw unmappable(use.where(), "the type nests more than " + MAX_DEPTH
                    + " deep (does it contain itself through a type parameter?)");
        }
        switch (use.type()) {
            case TypeVariable<?> variable -> {
                Binding binding = use.scope().get(variable);
                List<Annotation> annotations = new ArrayList<>(use.annotations());
                if (binding == null) {
                    // Unbound (a raw generic record): its erasure, the constructor's parameter type.
                    Type bound = variable.getBounds()[0];
                    return prepare(new Use(bound, null, annotations, use.scope(), use.defaults(), use.where(), use.depth() + 1));
                }
                annotations.addAll(annotationsOf(binding.annotated()));
                return prepare(new Use(binding.type(), binding.annotated(), annotations, binding.scope(), use.defaults(),
                        use.where(), use.depth() + 1));
            }
            case WildcardType wildcard -> {
                Type bound = wildcard.getLowerBounds().length > 0 ? wildcard.getLowerBounds()[0] : wildcard.getUpperBounds()[0];
                return prepare(new Use(bound, null, use.annotations(), use.scope(), use.defaults(), use.where(), use.depth() + 1));
            }
            case GenericArrayType array -> throw unmappable(use.where(), array.getTypeName()
                    + " is an array: map a List (only byte[] is mapped, as a binary)");
            default -> {
                return prepareUse(use);
            }
        }
    }

    private Codec prepareUse(Use use) {
        Class<?> raw = rawClass(use.type());
        boolean nullable = use.nullable();
        AbsentAs absentAs = use.annotation(AbsentAs.class);
        Atom absent = absentAs != null ? atom(absentAs.value(), use.where()) : use.defaults().absent();
        if (raw == Optional.class) {
            if (nullable) {
                throw unmappable(use.where(), "an Optional is never null: drop @Nullable");
            }
            Use inner = use.argument(0, "");
            if (rawClass(inner.type()) == Optional.class) {
                throw unmappable(use.where(), "an Optional of an Optional has no term of its own");
            }
            return new AbsentCodec(absent, prepare(inner), true);
        }
        Codec present = prepareValue(raw, use);
        if (nullable) {
            if (raw.isPrimitive()) {
                throw unmappable(use.where(), raw + " is never null: drop @Nullable, or use its box");
            }
            return new AbsentCodec(absent, present, false);
        }
        if (absentAs != null) {
            throw unmappable(use.where(), "@AbsentAs applies to an Optional or a @Nullable type, not " + raw.getSimpleName());
        }
        return present;
    }

    private Codec prepareValue(Class<?> raw, Use use) {
        Charlist charlist = use.annotation(Charlist.class);
        KeywordList keywords = use.annotation(KeywordList.class);
        if (charlist != null && raw != String.class) {
            throw unmappable(use.where(), "@Charlist applies to a String, not " + raw.getSimpleName());
        }
        if (keywords != null && raw != Map.class) {
            throw unmappable(use.where(), "@KeywordList applies to a Map (or to a record's declaration), not a use of "
                    + raw.getSimpleName());
        }
        Codec scalar = scalar(raw, charlist != null || use.defaults().charlist());
        if (scalar != null) {
            return scalar;
        }
        if (Term.class.isAssignableFrom(raw)) {
            return new TermCodec(raw.asSubclass(Term.class));
        }
        if (raw == Object.class) {
            return new DynamicCodec(mapper);
        }
        if (raw == List.class || raw == Set.class) {
            return new ListCodec(prepare(use.argument(0, "[]")), raw == Set.class);
        }
        if (raw == Map.class) {
            Use key = use.argument(0, "[key]");
            Codec value = prepare(use.argument(1, "[value]"));
            return new MapCodec(keywords != null ? keywordKey(key) : prepare(key), value, keywords != null);
        }
        if (raw.isRecord() && use.type() instanceof ParameterizedType generic) {
            return prepareRecord(raw, bindings(raw, generic, use), use.where(), use.depth());
        }
        if (raw.isEnum() || raw.isRecord() || (raw.isInterface() && raw.isSealed())) {
            return named(raw, use.where(), use.depth());
        }
        throw unmappable(use.where(), raw.getName() + " is not a type the mapper maps; it maps " + SUPPORTED);
    }

    /** {@return the mapping of a String, number, boolean, BigInteger or byte[], or null for any other type} */
    private static Codec scalar(Class<?> raw, boolean charlist) {
        if (raw == String.class) {
            return charlist ? new CharlistCodec() : new StringCodec();
        } else if (raw == int.class || raw == Integer.class) {
            return new IntegerCodec(IntegerCodec.Kind.INT);
        } else if (raw == long.class || raw == Long.class) {
            return new IntegerCodec(IntegerCodec.Kind.LONG);
        } else if (raw == short.class || raw == Short.class) {
            return new IntegerCodec(IntegerCodec.Kind.SHORT);
        } else if (raw == byte.class || raw == Byte.class) {
            return new IntegerCodec(IntegerCodec.Kind.BYTE);
        } else if (raw == char.class || raw == Character.class) {
            return new IntegerCodec(IntegerCodec.Kind.CHAR);
        } else if (raw == double.class || raw == Double.class) {
            return new FloatCodec(false);
        } else if (raw == float.class || raw == Float.class) {
            return new FloatCodec(true);
        } else if (raw == boolean.class || raw == Boolean.class) {
            return new BooleanCodec();
        } else if (raw == BigInteger.class) {
            return new BigIntegerCodec();
        } else if (raw == byte[].class) {
            return new BytesCodec();
        }
        return null;
    }

    /** {@return the mapping of a keyword list's keys: atoms, of a String's text, an Atom or an enum} */
    private Codec keywordKey(Use key) {
        Class<?> raw = rawClass(key.type());
        if (raw == String.class) {
            return new AtomTextCodec();
        }
        if (raw == Atom.class || raw.isEnum()) {
            return prepare(key);
        }
        throw unmappable(key.where(), "the keys of a keyword list are atoms: String, Atom or an enum, not "
                + raw.getSimpleName());
    }

    /** {@return the cached mapping of a record, enum or sealed interface, made now if it is not yet} */
    private Codec named(Class<?> type, String where, int depth) {
        Codec codec = cache.get(type);
        if (codec != null) {
            return codec;
        }
        if (inProgress.contains(type)) {
            StringJoiner chain = new StringJoiner(" -> ");
            inProgress.subList(inProgress.indexOf(type), inProgress.size()).forEach(c -> chain.add(c.getSimpleName()));
            chain.add(type.getSimpleName());
            throw unmappable(where, "the type contains itself (" + chain + "): a peer could nest it as deep as it"
                    + " likes; map that component as Term");
        }
        inProgress.add(type);
        try {
            if (type.isEnum()) {
                codec = prepareEnum(type, where);
            } else if (type.isRecord()) {
                codec = prepareRecord(type, Map.of(), where, depth);
            } else {
                codec = prepareUnion(type, where, depth);
            }
        } finally {
            inProgress.remove(inProgress.size() - 1);
        }
        cache.put(type, codec);
        return codec;
    }

    private static EnumCodec prepareEnum(Class<?> type, String where) {
        Object[] constants = type.getEnumConstants();
        if (constants.length == 0) {
            throw unmappable(where, type.getName() + " has no constants");
        }
        Atom[] atoms = new Atom[constants.length];
        Map<Atom, String> seen = new HashMap<>();
        for (int i = 0; i < constants.length; i++) {
            String constant = ((Enum<?>) constants[i]).name();
            AtomName name;
            try {
                name = type.getDeclaredField(constant).getAnnotation(AtomName.class);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("an enum constant without its field: " + constant, e);
            }
            String constantWhere = where + "." + constant;
            atoms[i] = atom(name != null ? name.value() : Names.snake(constant), constantWhere);
            String other = seen.putIfAbsent(atoms[i], constant);
            if (other != null) {
                throw unmappable(constantWhere, "its atom " + atoms[i] + " is also " + other + "'s");
            }
        }
        return new EnumCodec(type, atoms);
    }

    private RecordCodec prepareRecord(Class<?> type, Map<TypeVariable<?>, Binding> scope, String where, int depth) {
        AsMap asMap = type.getAnnotation(AsMap.class);
        ElixirStruct struct = type.getAnnotation(ElixirStruct.class);
        KeywordList keywords = type.getAnnotation(KeywordList.class);
        AtomName tag = type.getAnnotation(AtomName.class);
        AbsentAs absentAs = type.getAnnotation(AbsentAs.class);
        int shapes = (asMap != null ? 1 : 0) + (struct != null ? 1 : 0) + (keywords != null ? 1 : 0);
        if (shapes > 1) {
            throw unmappable(where, "a record takes one of @AsMap, @ElixirStruct and @KeywordList");
        }
        if (tag != null && shapes > 0) {
            throw unmappable(where, "@AtomName names the tag of a tuple: a map, struct or keyword list has none");
        }
        Defaults defaults = new Defaults(absentAs != null ? atom(absentAs.value(), where) : struct != null ? NIL : UNDEFINED,
                type.isAnnotationPresent(Charlist.class));

        RecordComponent[] components = type.getRecordComponents();
        int n = components.length;
        String[] names = new String[n];
        Atom[] keys = new Atom[n];
        Codec[] codecs = new Codec[n];
        Map<Atom, String> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            RecordComponent component = components[i];
            names[i] = component.getName();
            String componentWhere = where + "." + names[i];
            AtomName key = component.getAnnotation(AtomName.class);
            keys[i] = atom(key != null ? key.value() : Names.snake(names[i]), componentWhere);
            String other = seen.putIfAbsent(keys[i], names[i]);
            if (other != null) {
                throw unmappable(componentWhere, "its key " + keys[i] + " is also " + other + "'s");
            }
            List<Annotation> annotations = new ArrayList<>(annotationsOf(component.getAnnotatedType()));
            annotations.addAll(Arrays.asList(component.getAnnotations()));
            annotations.addAll(Arrays.asList(component.getAccessor().getAnnotations()));
            if (component.getAnnotatedType() instanceof AnnotatedArrayType array) {
                annotations.addAll(annotationsOf(array.getAnnotatedGenericComponentType())); // @Nullable byte[]
            }
            codecs[i] = prepare(new Use(component.getGenericType(), component.getAnnotatedType(), annotations, scope,
                    defaults, componentWhere, depth + 1));
        }
        RecordCodec.Parts parts = new RecordCodec.Parts(type, names, keys, codecs, accessors(type, components, where),
                constructor(type, components, where));
        if (struct != null) {
            return new MapRecordCodec(parts, atom("Elixir." + elixirAlias(struct.value(), where), where));
        }
        if (asMap != null) {
            return new MapRecordCodec(parts, null);
        }
        if (keywords != null) {
            return new KeywordRecordCodec(parts);
        }
        return new TupleRecordCodec(parts, atom(tag != null ? tag.value() : Names.snake(type.getSimpleName()), where));
    }

    private static String elixirAlias(String alias, String where) {
        if (alias.isEmpty() || alias.startsWith("Elixir.")) {
            throw unmappable(where, "@ElixirStruct(\"" + alias + "\"): write the module as Elixir code does,"
                    + " MyApp.Order, without the Elixir. prefix");
        }
        return alias;
    }

    private static MethodHandles.Lookup lookup(Class<?> type, String where) {
        try {
            // A named module (this one, on the module path) reads the record's module only once told to.
            Preparer.class.getModule().addReads(type.getModule());
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException | SecurityException e) {
            throw unmappable(where, "cannot reach " + type.getName() + "'s constructor and accessors: its module must"
                    + " open " + type.getPackageName() + " to " + describe(Preparer.class.getModule()) + " ("
                    + e.getMessage() + ")");
        }
    }

    private static String describe(Module module) {
        return module.isNamed() ? "module " + module.getName() : "the module of dev.beamlink.etf.mapping";
    }

    private static MethodHandle[] accessors(Class<?> type, RecordComponent[] components, String where) {
        MethodHandles.Lookup lookup = lookup(type, where);
        MethodHandle[] accessors = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
            try {
                accessors[i] = lookup.unreflect(components[i].getAccessor());
            } catch (IllegalAccessException e) {
                throw unmappable(where, "cannot reach the accessor " + components[i].getName() + "(): " + e.getMessage());
            }
        }
        return accessors;
    }

    private static MethodHandle constructor(Class<?> type, RecordComponent[] components, String where) {
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
            return lookup(type, where).unreflectConstructor(canonical);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw unmappable(where, "cannot reach the canonical constructor of " + type.getName() + ": " + e.getMessage());
        }
    }

    /** {@return the type variables of a generic record, each bound to its argument in {@code use}} */
    private static Map<TypeVariable<?>, Binding> bindings(Class<?> raw, ParameterizedType generic, Use use) {
        TypeVariable<?>[] variables = raw.getTypeParameters();
        Map<TypeVariable<?>, Binding> scope = new HashMap<>();
        for (int i = 0; i < variables.length; i++) {
            Use argument = use.argument(i, "");
            scope.put(variables[i], new Binding(generic.getActualTypeArguments()[i], argument.annotated(), use.scope()));
        }
        return scope;
    }

    private UnionCodec prepareUnion(Class<?> type, String where, int depth) {
        Set<Class<?>> variants = new LinkedHashSet<>();
        collectVariants(type, variants, where);
        Map<Class<?>, Codec> byClass = new LinkedHashMap<>();
        Map<Atom, Object> constants = new HashMap<>();
        Map<Atom, List<TupleRecordCodec>> byTag = new HashMap<>();
        Map<Atom, MapRecordCodec> byModule = new HashMap<>();
        MapRecordCodec plainMap = null;
        KeywordRecordCodec keywords = null;
        StringJoiner expected = new StringJoiner(" | ", "a " + type.getSimpleName() + ": ", "");
        for (Class<?> variant : variants) {
            String variantWhere = where + "(" + variant.getSimpleName() + ")";
            Codec codec = named(variant, variantWhere, depth + 1);
            byClass.put(variant, codec);
            expected.add(codec.expected());
            switch (codec) {
                case EnumCodec enumCodec -> {
                    Atom[] atoms = enumCodec.atoms();
                    Object[] values = variant.getEnumConstants();
                    for (int i = 0; i < atoms.length; i++) {
                        if (constants.putIfAbsent(atoms[i], values[i]) != null) {
                            throw unmappable(variantWhere, "the atom " + atoms[i] + " stands for two variants");
                        }
                    }
                }
                case TupleRecordCodec tuple -> {
                    List<TupleRecordCodec> tagged = byTag.computeIfAbsent(tuple.tag, t -> new ArrayList<>());
                    for (TupleRecordCodec other : tagged) {
                        if (other.arity() == tuple.arity()) {
                            throw unmappable(variantWhere, "the tuple {" + tuple.tag + ", ...} of " + tuple.arity()
                                    + " elements is also " + other.simpleName() + "'s: give one an @AtomName");
                        }
                    }
                    tagged.add(tuple);
                }
                case MapRecordCodec map when map.module != null -> {
                    if (byModule.putIfAbsent(map.module, map) != null) {
                        throw unmappable(variantWhere, "two variants are the struct " + map.module);
                    }
                }
                case MapRecordCodec map -> {
                    if (plainMap != null) {
                        throw unmappable(variantWhere, "two variants are plain maps (" + plainMap.simpleName()
                                + " too): a union tells maps apart only by __struct__");
                    }
                    plainMap = map;
                }
                case KeywordRecordCodec keywordRecord -> {
                    if (keywords != null) {
                        throw unmappable(variantWhere, "two variants are keyword lists (" + keywords.simpleName()
                                + " too): a union cannot tell them apart");
                    }
                    keywords = keywordRecord;
                }
                default -> throw new IllegalStateException("a variant mapped as " + codec.getClass().getSimpleName());
            }
        }
        Map<Atom, TupleRecordCodec[]> tags = new HashMap<>();
        byTag.forEach((tag, list) -> tags.put(tag, list.toArray(TupleRecordCodec[]::new)));
        return new UnionCodec(byClass, constants, tags, byModule, plainMap, keywords, expected.toString());
    }

    private static void collectVariants(Class<?> sealed, Set<Class<?>> into, String where) {
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isInterface() && permitted.isSealed()) {
                collectVariants(permitted, into, where);
            } else if (permitted.isRecord() || permitted.isEnum()) {
                into.add(permitted);
            } else {
                throw unmappable(where, "its variant " + permitted.getName()
                        + " is not a record, an enum or a sealed interface");
            }
        }
    }

    private static Class<?> rawClass(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            default -> Object.class;
        };
    }

    private static List<Annotation> annotationsOf(AnnotatedType annotated) {
        return annotated == null ? List.of() : Arrays.asList(annotated.getAnnotations());
    }

    private static Atom atom(String text, String where) {
        try {
            return Atom.of(text);
        } catch (IllegalArgumentException e) {
            throw unmappable(where, e.getMessage());
        }
    }

    private static IllegalArgumentException unmappable(String where, String why) {
        return new IllegalArgumentException("cannot map " + where + ": " + why);
    }
}
