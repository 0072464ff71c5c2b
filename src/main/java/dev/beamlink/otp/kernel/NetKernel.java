package dev.beamlink.otp.kernel;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessBody;
import dev.beamlink.otp.GenCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@code net_kernel} process: what other nodes call on it. It answers
 * {@code {is_auth, Node}} with {@code yes}, which is what {@code net_adm:ping/1} asks (the connection is
 * authenticated once the handshake passed), and ignores any other request, as a caller's time-out tells it.
 */
public final class NetKernel implements ProcessBody {

    /** The registered name. */
    public static final Atom NAME = Atom.of("net_kernel");
    public static final Atom IS_AUTH = Atom.of("is_auth");
    public static final Atom YES = Atom.of("yes");

    private static final Logger LOG = LoggerFactory.getLogger(NetKernel.class);

    @Override
    public void run(Mailbox self) {
        while (true) {
            Object message = self.receive();
            GenCall.of(message).ifPresentOrElse(call -> answer(self, call),
                    () -> LOG.debug("net_kernel ignored {}", message));
        }
    }

    private static void answer(Mailbox self, GenCall call) {
        Term request = call.request();
        if (request instanceof Tuple t && t.isTagged(IS_AUTH, 2)) {
            call.reply(self, YES);
        } else {
            LOG.debug("net_kernel: no answer to the call {} from {}", request, call.from());
        }
    }
}
