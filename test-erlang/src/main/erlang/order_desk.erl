%% Erlang side of the typed-messages test over the distribution (dev.beamlink.otp.TypedMessagesInteropTest): a
%% process that takes #order_placed{} records sent from Java and answers with a record of its own, as Erlang code
%% that knows nothing of Java would.
-module(order_desk).
-export([start/1]).

-record(line, {sku, quantity}).
-record(order_placed, {order_id, customer, lines = [], reply_to}).
-record(order_accepted, {order_id, items}).
-record(order_rejected, {order_id, reason}).

start(Name) ->
    register(Name, spawn(fun loop/0)),
    ok.

loop() ->
    receive
        #order_placed{order_id = Id, lines = [], reply_to = To} ->
            To ! #order_rejected{order_id = Id, reason = <<"no lines">>};
        #order_placed{order_id = Id, lines = Lines, reply_to = To} ->
            To ! #order_accepted{order_id = Id, items = lists:sum([Q || #line{quantity = Q} <- Lines])};
        Other ->
            error_logger:error_msg("order_desk: not an order: ~p~n", [Other])
    end,
    loop().
