/**
 * Java values to Erlang terms and back, by Erlang's and Elixir's conventions: records as Erlang records (tagged
 * tuples), maps or Elixir structs, enums as atoms, sealed interfaces as tagged unions. {@link
 * dev.beamlink.etf.mapping.TermMapper} is the entry point; it depends on nothing beyond the JDK and the term model.
 *
 * <h2>Conventions</h2>
 * <table class="striped">
 * <caption>Java types and the terms they map to</caption>
 * <thead><tr><th>Java</th><th>term</th><th>annotated</th></tr></thead>
 * <tbody>
 * <tr><td>{@code record OrderPlaced(long orderId, ...)}</td>
 *     <td>{@code {order_placed, OrderId, ...}}: an Erlang record, {@code -record(order_placed, {order_id, ...})}</td>
 *     <td>{@link dev.beamlink.etf.mapping.AsMap @AsMap}: {@code #{order_id => ...}};
 *         {@link dev.beamlink.etf.mapping.ElixirStruct @ElixirStruct("Shop.Order")}: {@code %Shop.Order{order_id: ...}},
 *         the map {@code #{'__struct__' => 'Elixir.Shop.Order', order_id => ...}};
 *         {@link dev.beamlink.etf.mapping.KeywordList @KeywordList}: {@code [{order_id, ...}, ...]};
 *         {@link dev.beamlink.etf.mapping.AtomName @AtomName("order")}: {@code {order, ...}}</td></tr>
 * <tr><td>{@code enum Status { IN_STOCK, SOLD_OUT }}</td><td>{@code in_stock}, {@code sold_out}</td>
 *     <td>{@code @AtomName("...")} on a constant</td></tr>
 * <tr><td>{@code sealed interface Event permits ...} of records and enums</td>
 *     <td>the variant's term; read by its shape: an atom to the enum constant, a tuple by its tag (and size), a map
 *         by its {@code __struct__}, else to the one {@code @AsMap} variant, a list to the one {@code @KeywordList}
 *         variant</td><td></td></tr>
 * <tr><td>{@code String}</td><td>a UTF-8 binary, {@code <<"text">>} (as Elixir's strings)</td>
 *     <td>{@link dev.beamlink.etf.mapping.Charlist @Charlist}: a charlist, {@code "text"}</td></tr>
 * <tr><td>{@code byte, short, char, int, long} and boxes</td><td>an integer, its range checked when read</td><td></td></tr>
 * <tr><td>{@code float, double} and boxes</td><td>a float (never NaN nor infinite; an integer term is not a float)</td>
 *     <td></td></tr>
 * <tr><td>{@code boolean}</td><td>{@code true}, {@code false}</td><td></td></tr>
 * <tr><td>{@code BigInteger}</td><td>an integer of any size</td><td></td></tr>
 * <tr><td>{@code byte[]}</td><td>a binary (copied both ways)</td><td></td></tr>
 * <tr><td>{@code List<E>}, {@code Set<E>}</td><td>a proper list, {@code []} when empty</td><td></td></tr>
 * <tr><td>{@code Map<K, V>}</td><td>a map; keys of any mapped type</td>
 *     <td>{@code @KeywordList} (keys {@code String}, {@code Atom} or an enum): {@code [{key, V}, ...]}</td></tr>
 * <tr><td>{@code Optional<E>}, a {@code @Nullable} type</td>
 *     <td>{@code undefined} when empty or null; {@code nil} in an {@code @ElixirStruct}</td>
 *     <td>{@link dev.beamlink.etf.mapping.AbsentAs @AbsentAs("nil")} on the type, or on the record for all its
 *         components</td></tr>
 * <tr><td>{@code Term}, {@code Atom}, {@code Pid}, {@code Ref}, {@code Tuple}...</td><td>the term itself</td><td></td></tr>
 * <tr><td>{@code Object}</td><td>written by the value's own class; read as the {@code Term} itself</td><td></td></tr>
 * </tbody>
 * </table>
 *
 * <p>Names follow Erlang's snake_case: a record {@code OrderPlaced} is tagged {@code order_placed}, a component
 * {@code customerId} is the key {@code customer_id} (in maps, structs and keyword lists: a tuple record is by
 * position), a constant {@code IN_STOCK} is {@code in_stock}. {@code @AtomName} names any of them exactly. A type
 * is {@code @Nullable} by any annotation of that simple name (JSpecify's, JetBrains', Jakarta's...); other
 * components are never null.
 *
 * <p>Reading a map, a struct or a keyword list, keys the record has no component for are ignored, and a missing
 * key is an empty {@code Optional} or a null where the component allows one. Writing a keyword list, absent
 * components are left out.
 *
 * <h2>A worked example</h2>
 * <pre>{@code
 * enum Status { IN_STOCK, SOLD_OUT }
 * record Line(String sku, int quantity) { }
 * record OrderPlaced(long orderId, String customer, List<Line> lines, Status status, Optional<String> note) { }
 *
 * TermMapper mapper = new TermMapper();                        // one for the application: thread-safe
 * OrderPlaced order = new OrderPlaced(42, "Ada", List.of(new Line("sku-1", 2)), Status.IN_STOCK, Optional.empty());
 * Term term = mapper.toTerm(order);
 * // {order_placed,42,<<"Ada">>,[{line,<<"sku-1">>,2}],in_stock,undefined}
 * OrderPlaced back = mapper.fromTerm(term, OrderPlaced.class); // equals order
 *
 * TermMapping<OrderPlaced> orders = mapper.mapping(OrderPlaced.class);  // prepared now, kept
 * Optional<OrderPlaced> maybe = orders.tryFromTerm(someTerm);           // empty if it does not fit: no exception
 * TermMapping<List<Line>> lines = mapper.mapping(new TypeRef<List<Line>>() { });
 * }</pre>
 * On the Erlang side, the same record:
 * <pre>{@code
 * -record(line, {sku, quantity}).
 * -record(order_placed, {order_id, customer, lines = [], status, note = undefined}).
 * handle_info(#order_placed{customer = Customer, lines = [#line{sku = Sku} | _]}, State) -> ...
 * }</pre>
 *
 * <h2>Failures</h2>
 * A term that does not fit its type is a {@link dev.beamlink.etf.mapping.TermMappingException} naming the path, the
 * shape expected and the term found (printed to a bound, saying how much was cut):
 * {@code OrderPlaced.lines[3].quantity: expected an integer in -2147483648..2147483647, found 99999999999}. Never a
 * {@code ClassCastException}, a {@code NullPointerException} or a half-built record: a record is constructed only
 * once all its components have been read, and an exception of its constructor is a mismatch too. Atoms are compared
 * with those made when the type was prepared: an atom from a peer never becomes an enum constant or a new atom. A
 * Java value without a term (a null component that is not {@code @Nullable}, a NaN) fails the same way when
 * written. A type that cannot be mapped fails when it is prepared, with an {@link IllegalArgumentException} saying
 * where and why: an unsupported component type, contradicting annotations, two variants of a union that one term
 * could be, or a type that contains itself (a tree): a peer could nest that as deep as it likes, and reading it would
 * recurse that deep (map such a component as {@code Term}).
 *
 * <h2>Performance</h2>
 * A type is prepared once and kept: its annotations read, its atoms made, method handles taken on its accessors
 * and canonical constructor. Each record's mapping is then compiled into one method handle each way, held as a
 * constant by a hidden class of its own, so the JIT inlines it as it would hand-written code: no reflection, no
 * boxing of primitive components, no lookup per component. {@code bench/run mapping} measures a record of 8
 * components to its term and back beside the same term built and read by hand.
 *
 * <h2>Limits</h2>
 * The variants of a generic sealed interface read their type parameters as {@code Object} (the term itself). A record
 * in a named module must open its package to this one. A {@code Map} read from a term whose keys map to equal Java
 * keys, or a {@code Set} from a list with equal elements, keeps one of them.
 */
package dev.beamlink.etf.mapping;
