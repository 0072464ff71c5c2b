%% The Erlang side of beamlink's typed-mapping live test (dev.beamlink.etf.mapping.LiveMappingTest).
%%
%% Each case is a value made here with Erlang's own syntax: records (-record), a tagged union, a map, the maps
%% Elixir makes for structs (%Shop.Customer{} is #{'__struct__' => 'Elixir.Shop.Customer', ...}), keyword lists.
%% Java maps its own records to terms and hands the external term to check/2, which decodes it with
%% binary_to_term/1 and matches it against the case's record pattern, field by field, and against value/1 with =:=.
%% Java maps value/1 back to its records and compares them with its own. fields/1 gives a record's field names,
%% which Java's component names must give by Erlang's naming convention.
-module(mapping_records).
-export([cases/0, value/1, check/2, fields/1]).

-record(line, {sku, quantity}).
-record(order_placed, {order_id, customer, lines = [], status, note = undefined, placed_by}).
-record(product, {name, label, price, available, stock, weight_grams, tags}).
-record(call, {opts = []}).

cases() ->
    [order_placed, order_with_note, product, reply_ok, reply_error, reply_running, point, customer, customer_full,
     supplier, options, call].

value(order_placed) ->
    #order_placed{order_id = 1234567890123, customer = <<"Ada Lovelace"/utf8>>,
                  lines = [#line{sku = <<"sku-1">>, quantity = 2}, #line{sku = <<"sku-2">>, quantity = 1}],
                  status = in_stock, placed_by = whereis(init)};
value(order_with_note) ->
    #order_placed{order_id = -1, customer = <<"Zoë 🫖"/utf8>>, lines = [], status = sold_out,
                  note = <<"leave at the door"/utf8>>, placed_by = whereis(init)};
value(product) ->
    #product{name = <<"Teapot"/utf8>>, label = "Théière", price = 19.99, available = true,
             stock = #{in_stock => 3, sold_out => 0}, weight_grams = 1 bsl 70, tags = [<<"kitchen">>, <<"gift">>]};
value(reply_ok) ->
    {ok, #line{sku = <<"sku-9">>, quantity = 9}};
value(reply_error) ->
    {error, {timeout, 5000}};
value(reply_running) ->
    running;
value(point) ->
    #{x => 3, y => -4, status => undefined};
value(customer) ->
    #{'__struct__' => 'Elixir.Shop.Customer', name => <<"Ada">>, tags => [<<"vip">>], referrer => nil, email => nil};
value(customer_full) ->
    #{'__struct__' => 'Elixir.Shop.Customer', name => <<"Grace">>, tags => [], referrer => 42,
      email => <<"grace@example.com">>};
value(supplier) ->
    #{'__struct__' => 'Elixir.Shop.Supplier', name => <<"Kettles Ltd">>};
value(options) ->
    [{timeout, 5000}, {verbose, true}];
value(call) ->
    #call{opts = [{a, 1}, {b, 2}]}.

%% ok when binary_to_term(Bin) matches the case's pattern and is =:= value(Case); else what it is.
check(Case, Bin) ->
    Term = binary_to_term(Bin),
    case {matches(Case, Term), Term =:= value(Case)} of
        {true, true} -> ok;
        {Matches, Equal} -> {mismatch, [{pattern, Matches}, {equal, Equal}, {got, Term}, {expected, value(Case)}]}
    end.

matches(order_placed, #order_placed{order_id = 1234567890123, customer = <<"Ada Lovelace">>,
                                    lines = [#line{sku = <<"sku-1">>, quantity = 2}, #line{sku = <<"sku-2">>, quantity = 1}],
                                    status = in_stock, note = undefined, placed_by = Pid}) ->
    Pid =:= whereis(init);
matches(order_with_note, #order_placed{order_id = -1, customer = Customer, lines = [], status = sold_out,
                                       note = <<"leave at the door">>, placed_by = Pid}) ->
    Customer =:= <<"Zoë 🫖"/utf8>> andalso Pid =:= whereis(init);
matches(product, #product{name = <<"Teapot">>, label = Label, price = Price, available = true,
                          stock = #{in_stock := 3, sold_out := 0}, weight_grams = Grams, tags = [<<"kitchen">>, <<"gift">>]}) ->
    Label =:= [$T, $h, 233, $i, $è, $r, $e] andalso Price == 19.99 andalso Grams =:= 1 bsl 70;
matches(reply_ok, {ok, #line{sku = <<"sku-9">>, quantity = 9}}) -> true;
matches(reply_error, {error, {timeout, 5000}}) -> true;
matches(reply_running, running) -> true;
matches(point, #{x := 3, y := -4, status := undefined} = Map) -> map_size(Map) =:= 3;
matches(customer, #{'__struct__' := 'Elixir.Shop.Customer', name := <<"Ada">>, tags := [<<"vip">>],
                    referrer := nil, email := nil} = Map) -> map_size(Map) =:= 5;
matches(customer_full, #{'__struct__' := 'Elixir.Shop.Customer', name := <<"Grace">>, tags := [], referrer := 42,
                         email := <<"grace@example.com">>}) -> true;
matches(supplier, #{'__struct__' := 'Elixir.Shop.Supplier', name := <<"Kettles Ltd">>}) -> true;
matches(options, Options) when is_list(Options) ->
    proplists:get_value(timeout, Options) =:= 5000 andalso proplists:get_value(verbose, Options) =:= true
        andalso not proplists:is_defined(retries, Options);
matches(call, #call{opts = Opts}) -> proplists:get_value(a, Opts) =:= 1 andalso proplists:get_value(b, Opts) =:= 2;
matches(_, _) -> false.

fields(line) -> record_info(fields, line);
fields(order_placed) -> record_info(fields, order_placed);
fields(product) -> record_info(fields, product);
fields(call) -> record_info(fields, call).
