package dev.beamlink.interop;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.CallResult;
import dev.beamlink.otp.From;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.HandleResult;
import dev.beamlink.otp.InitResult;

/**
 * The Java GenServer the Erlang-side suite calls with {@code gen_server:call/cast} and {@code sys}: its state is a
 * count. Calls: {@code {echo, X}} answers X, {@code count} the count, {@code crash} ends it with badarith; the cast
 * {@code incr} adds one.
 */
final class PeerServer implements GenServer<Int> {

    @Override
    public InitResult<Int> init(Mailbox self) {
        return InitResult.ok(Int.of(0));
    }

    @Override
    public CallResult<Int> handleCall(Object request, From from, Int count) {
        if (request instanceof Tuple t && t.isTagged(Atom.of("echo"), 2)) {
            return CallResult.reply(t.get(1), count);
        }
        if (request.equals(Atom.of("count"))) {
            return CallResult.reply(count, count);
        }
        if (request.equals(Atom.of("crash"))) {
            throw new ErlangError(Atom.of("badarith"), "as 1 div 0");
        }
        return CallResult.reply(Tuple.of(Atom.of("error"), Atom.of("unknown_call"), (Term) request), count);
    }

    @Override
    public HandleResult<Int> handleCast(Object request, Int count) {
        return HandleResult.noReply(request.equals(Atom.of("incr")) ? Int.of(count.value() + 1) : count);
    }
}
