package dev.beamlink.otp.rpc;

import dev.beamlink.etf.Term;

/**
 * A Java function that other nodes call as {@code Module:Function/Arity} ({@link Exports#export}): through
 * {@code erpc:call/4}, {@code rpc:call/4}, {@code spawn/4} and their siblings, or jinterface's {@code sendRPC}.
 *
 * <p>It runs in a process of its own ({@link ExportedCall#self()}), so a slow function holds up no other call. What it
 * returns is the call's result; what it throws is what the caller gets, as an Erlang function raising the same would
 * give: an {@link dev.beamlink.node.ErlangError} is {@code error:Reason}, an {@link dev.beamlink.node.ErlangExit}
 * {@code exit:Reason}, an {@link dev.beamlink.node.ErlangThrow} {@code throw:Value}, and any other exception
 * {@code error:{'java.lang.SomeException', <<"message">>}}, each with the Java frames of the function and
 * {@code {Module, Function, Arity, []}} as its stack. A null result is an error of that last kind
 * ({@code java.lang.NullPointerException}).
 */
@FunctionalInterface
public interface ExportedFunction {

    /** {@return the result of the call} */
    Term apply(ExportedCall call) throws Exception;
}
