package dev.beamlink.dist.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.dist.handshake.HandshakeConfig;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.ErlFloat;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Pass-through frames: 'p', then the control message and the message, each with its version byte. */
class PassThroughFormatTest {

    private final FrameFormat format = FrameFormat.negotiated(HandshakeConfig.defaultFlags(false, 0),
            EtfEncoder.defaults(), EtfDecoder.defaults());

    @Test
    void writesWhatOtpSendsWithoutADistributionHeader() throws FrameException {
        Tuple control = Tuple.of(Int.of(22), Atom.of("a"), Atom.of("b"));
        ByteBuf out = Frames.frame(format, control, Atom.of("m"));
        byte[] c = Etf.encode(control);
        byte[] m = Etf.encode(Atom.of("m"));
        assertEquals(1 + c.length + m.length, out.getInt(0));
        assertEquals(112, out.getByte(4));
        out.skipBytes(4);
        DistMessage back = format.decode(out);
        assertEquals(control, back.control());
        assertEquals(Atom.of("m"), back.payload());
    }

    @Test
    void aFrameWithoutPayloadHasNone() throws FrameException {
        ByteBuf out = Frames.frame(format, Tuple.of(Int.of(1)), null);
        assertNull(format.decode(out.skipBytes(4)).payload());
    }

    @Test
    void badFramesAreRefusedWithNumbers() {
        FrameException type = assertThrows(FrameException.class,
                () -> format.decode(Unpooled.wrappedBuffer(new byte[] {68, 1})));
        assertEquals("frame type: 68 (expected: 112, pass-through: no distribution header was negotiated)", type.getMessage());
        byte[] three = new byte[] {112, (byte) 131, 106, (byte) 131, 106, (byte) 131, 106};
        FrameException trailing = assertThrows(FrameException.class, () -> format.decode(Unpooled.wrappedBuffer(three)));
        assertEquals("frame: 2 bytes after the message (expected: 0)", trailing.getMessage());
        FrameException term = assertThrows(FrameException.class,
                () -> format.decode(Unpooled.wrappedBuffer(new byte[] {112, (byte) 131, 104, 9})));
        assertTrue(term.getMessage().startsWith("control message at frame offset 1 does not decode"), term.getMessage());
    }

    @Test
    void aTermThatCannotBeEncodedFailsWithTheEncodersReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> format.encode(Tuple.of(Int.of(2)), new ErlFloat(Double.NaN), OutgoingFrame.NO_SENDER));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void withoutTheAtomCacheFlagFramesPassThroughAndWithItTheyHaveTheHeader() {
        assertTrue(format instanceof PassThroughFormat);
        assertEquals(0, format.fragmentSize());
        assertTrue(FrameFormat.negotiated(new DistFlags(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE), EtfEncoder.defaults(),
                EtfDecoder.defaults()) instanceof DistHeaderFormat);
    }
}
