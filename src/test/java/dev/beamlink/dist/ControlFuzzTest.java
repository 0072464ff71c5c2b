package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.beamlink.dist.control.ControlCodec;
import dev.beamlink.dist.control.ControlMessage;
import dev.beamlink.dist.control.ControlMessageException;
import dev.beamlink.dist.fuzz.Allocation;
import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.AtomTable;
import dev.beamlink.etf.EtfDecodeException;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.spi.Signal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Coverage-guided fuzzing (Jazzer) of the control messages: {@link ControlCodec} from control tuples to
 * {@link ControlMessage} records, and {@link SignalMapper} from those to the node's signals. The input is what a
 * pass-through frame holds after its type byte: the control term, then the term after it, if any, each a whole
 * external term; inputs whose terms do not decode are the ETF decoder's business (its own fuzz test), not this one's.
 * The only acceptable outcomes: a record or a {@link ControlMessageException}; then a signal, nothing to do, or a
 * {@link SignalMapper.ProtocolViolation}. A record round-trips through its tuple; a signal delivered goes back out as a
 * control message that round-trips too and is read back as the same signal. Codec and mapper allocate in proportion
 * to the input.
 *
 * <p>{@code make test} replays the corpus, {@code src/test/resources/dev/beamlink/dist/ControlFuzzTestInputs/decode/}
 * (one control message of each operation, messages captured from live erl nodes, and inputs that fuzzing found to
 * reach new code); {@code bench/run fuzz} fuzzes it for a set time.
 */
class ControlFuzzTest {

    /** The peer whose processes may send links, exits and monitors on this connection. */
    private static final Atom PEER = Atom.of("erl@localhost");
    private static final Pid GROUP_LEADER = new Pid(Atom.of("java@localhost"), 3, 0, 1);
    /** Every flag that changes what the mapper sends. */
    private static final DistFlags FLAGS = new DistFlags(DistFlags.DFLAG_SEND_SENDER | DistFlags.DFLAG_EXIT_PAYLOAD
            | DistFlags.DFLAG_ALIAS | DistFlags.DFLAG_SPAWN);

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] input) throws ControlMessageException, SignalMapper.ProtocolViolation {
        EtfDecoder decoder = EtfDecoder.builder().atomTable(new AtomTable(1000)).maxDecompressedSize(4 << 10)
                .maxTermMemory(16 << 20).build();
        ByteBuf frame = Unpooled.wrappedBuffer(input);
        Term control;
        Term payload;
        try {
            control = decoder.decode(frame);
            payload = frame.isReadable() ? decoder.decode(frame) : null;
        } catch (EtfDecodeException notTerms) {
            return;
        }
        if (frame.isReadable()) {
            return; // more than two terms: the frame format refuses it before the codec sees it
        }
        SignalMapper mapper = new SignalMapper(FLAGS, () -> GROUP_LEADER);
        Object[] outcome = new Object[2];
        Allocation.bounded(input.length, 64 << 10, 32, () -> {
            outcome[0] = null;
            outcome[1] = null;
            try {
                ControlMessage message = ControlCodec.decode(control, payload);
                outcome[0] = message;
                outcome[1] = mapper.incoming(message, PEER);
            } catch (ControlMessageException | SignalMapper.ProtocolViolation refused) {
                // The connection closes: the contract's other outcome.
            }
        });
        if (outcome[0] instanceof ControlMessage message) {
            Tuple tuple = ControlCodec.controlTuple(message);
            assertEquals(((Tuple) control).size(), tuple.size(), "the arity of " + message.operation());
            assertEquals(message, ControlCodec.decode(tuple, ControlCodec.payload(message)));
        }
        if (outcome[1] instanceof SignalMapper.Incoming.Deliver(Signal signal)
                && mapper.outgoing(signal) instanceof SignalMapper.Outgoing.Transmit(ControlMessage out)) {
            ControlMessage again = ControlCodec.decode(ControlCodec.controlTuple(out), ControlCodec.payload(out));
            assertEquals(out, again);
            assertEquals(outcome[1], mapper.incoming(again, PEER), "the signal, out and back");
        }
    }
}
