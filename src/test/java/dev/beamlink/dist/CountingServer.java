package dev.beamlink.dist;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.CallResult;
import dev.beamlink.otp.From;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.InitResult;

/** A GenServer for tests that erl calls: any call answers how many calls it got; {@code crash} ends it with badarith. */
final class CountingServer implements GenServer<Integer> {

    @Override
    public InitResult<Integer> init(Mailbox self) {
        return InitResult.ok(0);
    }

    @Override
    public CallResult<Integer> handleCall(Object request, From from, Integer count) {
        if (request.equals(Atom.of("crash"))) {
            throw new ErlangError(Atom.of("badarith"), "asked to crash");
        }
        return CallResult.reply(Int.of(count + 1), count + 1);
    }
}
