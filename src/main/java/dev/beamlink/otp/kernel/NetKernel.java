package dev.beamlink.otp.kernel;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.CallResult;
import dev.beamlink.otp.From;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.HandleResult;
import dev.beamlink.otp.InitResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@code net_kernel}, a {@link GenServer}: what other nodes call on it. It answers
 * {@code {is_auth, Node}} with {@code yes}, which is what {@code net_adm:ping/1} asks (the connection is authenticated
 * once the handshake passed), leaves any other call unanswered, as a caller's time-out tells it, and drops any cast,
 * as OTP's {@code net_kernel} does; as any gen_server it answers {@code sys} requests, but its state, the node's name,
 * cannot be replaced by another kind of term ({@code sys:replace_state/2} gets {@code callback_failed}).
 */
public final class NetKernel implements GenServer<Atom> {

    /** The registered name. */
    public static final Atom NAME = Atom.of("net_kernel");
    /** What {@code net_adm:ping/1} asks. */
    public static final Atom IS_AUTH = Atom.of("is_auth");
    /** Its answer. */
    public static final Atom YES = Atom.of("yes");

    private static final Logger LOG = LoggerFactory.getLogger(NetKernel.class);

    @Override
    public InitResult<Atom> init(Mailbox self) {
        return InitResult.ok(self.node().name());
    }

    @Override
    public CallResult<Atom> handleCall(Object request, From from, Atom node) {
        if (request instanceof Tuple t && t.isTagged(IS_AUTH, 2)) {
            return CallResult.reply(YES, node);
        }
        LOG.debug("net_kernel: no answer to the call {} from {}", request, from.pid());
        return CallResult.noReply(node);
    }

    /** {@inheritDoc} Dropped, as OTP's {@code net_kernel} drops every cast ({@code handle_cast(_, State)}). */
    @Override
    public HandleResult<Atom> handleCast(Object request, Atom node) {
        LOG.debug("net_kernel: a cast dropped");
        return HandleResult.noReply(node);
    }

    /** {@inheritDoc} Only a name: a state of another kind would end the server at its next call. */
    @Override
    public Atom stateOf(Term replaced, Atom current) {
        if (replaced instanceof Atom name) {
            return name;
        }
        throw new ErlangError(Atom.of("badarg"), "net_kernel's state is the node's name: an atom");
    }
}
