package dev.beamlink.otp.rpc;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.SpawnOption;
import dev.beamlink.node.SpawnResult;
import dev.beamlink.otp.CallResult;
import dev.beamlink.otp.From;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.HandleResult;
import dev.beamlink.otp.InitResult;
import dev.beamlink.otp.internal.Printed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@code rex} (rpc.erl's server), for callers that reach it rather than spawning: {@code rpc:block_call/4}
 * and OTP before 23 ({@code gen_server:call({rex, Node}, {call | block_call, M, F, A, GroupLeader})}), jinterface's
 * {@code sendRPC} and C nodes ({@code {From, {call, M, F, A, GroupLeader}}}, answered {@code {rex, Result}}),
 * {@code rpc:cast} of old ({@code {'$gen_cast', {cast, M, F, A, GroupLeader}}}), {@code rpc:sbcast/2,3}, rpc's
 * {@code {send, Name, Msg}}, and the {@code features_request} OTP 23+ nodes send it when they meet this node.
 *
 * <p>Each call runs in a process of its own, as since OTP 23: rex asks its own node for a process running
 * {@code erpc:execute_call(Res, M, F, A)} with a monitor (so the node's limit on the processes it makes for requests
 * holds here too, and past it the answer is {@code {badrpc, {'EXIT', system_limit}}}, as rex gives), and turns the
 * process's end into rpc's answer. Whatever else it receives it ignores, as rex does: nothing a peer sends ends it.
 */
final class Rex implements GenServer<Map<Ref, Rex.Pending>> {

    static final Atom NAME = Atom.of("rex");

    private static final Logger LOG = LoggerFactory.getLogger(Rex.class);
    private static final Atom CALL = Atom.of("call");
    private static final Atom BLOCK_CALL = Atom.of("block_call");
    private static final Atom CAST = Atom.of("cast");
    private static final Atom SBCAST = Atom.of("sbcast");
    private static final Atom SEND = Atom.of("send");
    private static final Atom FEATURES_REQUEST = Atom.of("features_request");
    private static final Atom FEATURES_REPLY = Atom.of("features_reply");
    private static final Atom NONEXISTING_NAME = Atom.of("nonexisting_name");
    private static final Atom ERPC_FEATURE = Atom.of("erpc");

    /** A call whose process runs: who gets the answer, and the reference its exit reason carries. */
    record Pending(Answer to, Ref res) {
    }

    /** Where an answer goes: a gen_server caller, or a {@code {From, {call, ...}}} caller ({@code {rex, Result}}). */
    sealed interface Answer {
        void send(Mailbox self, Term answer);
    }

    record ToGenCaller(From from) implements Answer {
        @Override
        public void send(Mailbox self, Term answer) {
            from.reply(self, answer);
        }
    }

    record ToRexCaller(Pid pid) implements Answer {
        @Override
        public void send(Mailbox self, Term answer) {
            self.send(pid, Tuple.of(NAME, answer));
        }
    }

    private Mailbox self;

    @Override
    public InitResult<Map<Ref, Pending>> init(Mailbox mailbox) {
        self = mailbox;
        self.trapExit(true);
        return InitResult.ok(new HashMap<>());
    }

    @Override
    public CallResult<Map<Ref, Pending>> handleCall(Object request, From from, Map<Ref, Pending> pending) {
        if (request instanceof Tuple t && t.size() == 5 && (t.get(0).equals(CALL) || t.get(0).equals(BLOCK_CALL))) {
            start(new ToGenCaller(from), t, pending);
        } else {
            LOG.debug("rex on {} ignores the call {} from {}", self.node().name(), Printed.of(request), from.pid());
        }
        return CallResult.noReply(pending);
    }

    @Override
    public HandleResult<Map<Ref, Pending>> handleCast(Object request, Map<Ref, Pending> pending) {
        if (request instanceof Tuple t && t.isTagged(CAST, 5)) {
            self.spawnRequest(self.node().name(), PeerSpawns.ERPC, PeerSpawns.EXECUTE_CAST, List.of(t.get(1), t.get(2), t.get(3)));
        }
        return HandleResult.noReply(pending);
    }

    @Override
    public HandleResult<Map<Ref, Pending>> handleInfo(Object message, Map<Ref, Pending> pending) {
        switch (message) {
            case SpawnResult result when result.pid().isEmpty() -> {
                Pending call = pending.remove(result.reqId());
                if (call != null) {
                    call.to().send(self, Tuple.of(CallOutcome.BADRPC, Tuple.of(CallOutcome.EXIT, result.result())));
                }
            }
            case Down down -> {
                Pending call = pending.remove(down.ref());
                if (call != null) {
                    call.to().send(self, rpcAnswer(call.res(), down.reason()));
                }
            }
            case Tuple t when t.size() == 2 && t.get(0) instanceof Pid from && t.get(1) instanceof Tuple request ->
                    fromCaller(from, request, pending);
            default -> LOG.debug("rex on {} ignores {}", self.node().name(), Printed.of(message));
        }
        return HandleResult.noReply(pending);
    }

    /** rex's {@code handle_info({From, Request})}: a C node's call, sbcast, send, features_request. */
    private void fromCaller(Pid from, Tuple request, Map<Ref, Pending> pending) {
        if (request.isTagged(CALL, 5)) {
            start(new ToRexCaller(from), request, pending);
        } else if (request.isTagged(SBCAST, 3)) {
            boolean sent = deliver(request.get(1), request.get(2));
            self.send(from, Tuple.of(NAME, self.node().name(), sent ? self.node().name()
                    : Tuple.of(NONEXISTING_NAME, request.get(1))));
        } else if (request.isTagged(SEND, 3)) {
            if (!deliver(request.get(1), Tuple.of(from, request.get(2)))) {
                self.send(from, Tuple.of(NAME, self.node().name(), Tuple.of(NONEXISTING_NAME, request.get(1))));
            }
        } else if (request.size() == 1 && request.get(0).equals(FEATURES_REQUEST)) {
            self.send(from, Tuple.of(FEATURES_REPLY, self.node().name(), ErlList.of(ERPC_FEATURE)));
        } else {
            LOG.debug("rex on {} ignores {} from {}", self.node().name(), Printed.of(request), from);
        }
    }

    /** {@code Name ! Message} to a local name. {@return whether the name is registered} */
    private boolean deliver(Term name, Term message) {
        if (name instanceof Atom atom) {
            var pid = self.node().whereis(atom);
            pid.ifPresent(p -> self.send(p, message));
            return pid.isPresent();
        }
        return false;
    }

    /** A call: a process of its own runs {@code erpc:execute_call(Res, M, F, A)}, monitored. */
    private void start(Answer to, Tuple request, Map<Ref, Pending> pending) {
        Ref res = self.node().makeRef();
        Ref reqId = self.spawnRequest(self.node().name(), PeerSpawns.ERPC, PeerSpawns.EXECUTE_CALL,
                List.of(res, request.get(1), request.get(2), request.get(3)), SpawnOption.MONITOR,
                SpawnOption.REPLY_ERROR_ONLY);
        pending.put(reqId, new Pending(to, res));
    }

    /**
     * The answer {@code rpc:call/4} gives for a call process that ended with {@code reason}: erpc's outcome made rpc's
     * ({@code rpcify_exception/2}), or {@code {badrpc, {'EXIT', Reason}}} for a process ended by another.
     */
    static Term rpcAnswer(Ref res, Term reason) {
        if (reason instanceof Tuple t && t.size() >= 3 && t.get(0).equals(res)) {
            Term kind = t.get(1);
            if (t.size() == 3 && (kind.equals(CallOutcome.RETURN) || kind.equals(Atom.of("throw")))) {
                return t.get(2);
            }
            if (t.size() == 4) {
                return Tuple.of(CallOutcome.BADRPC, Tuple.of(CallOutcome.EXIT, Tuple.of(t.get(2), t.get(3))));
            }
            Term inner = t.get(2);
            if (kind.equals(Atom.ERROR) && inner instanceof Tuple erpc && erpc.isTagged(PeerSpawns.ERPC, 2)) {
                inner = erpc.get(1);
            }
            return Tuple.of(CallOutcome.BADRPC, Tuple.of(CallOutcome.EXIT, inner));
        }
        return Tuple.of(CallOutcome.BADRPC, Tuple.of(CallOutcome.EXIT, reason));
    }
}
