package dev.beamlink.dist.frame;

import dev.beamlink.etf.EtfDecodeException;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Term;
import io.netty.buffer.ByteBuf;

/**
 * The frame of a connection without a distribution header: the type byte {@value #PASS_THROUGH}, then the
 * control message and the term after it, each a whole external term with its version byte
 * (erl_dist_protocol, "Protocol between Connected Nodes", table "before ERTS 5.7.2"). This is what OTP
 * sends when {@code DFLAG_DIST_HDR_ATOM_CACHE} was not negotiated.
 */
public final class PassThroughFormat implements FrameFormat {

    /** The type byte of a pass-through frame: 112, {@code 'p'}. */
    public static final int PASS_THROUGH = 112;

    private final EtfEncoder encoder;
    private final EtfDecoder decoder;

    PassThroughFormat(EtfEncoder encoder, EtfDecoder decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    @Override
    public void encode(Term control, Term payload, ByteBuf out) {
        int start = out.writerIndex();
        try {
            out.writeInt(0);
            out.writeByte(PASS_THROUGH);
            encoder.encode(control, out);
            if (payload != null) {
                encoder.encode(payload, out);
            }
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
        out.setInt(start, out.writerIndex() - start - FrameReader.LENGTH_SIZE);
    }

    @Override
    public DistMessage decode(ByteBuf frame) throws FrameException {
        int type = frame.readUnsignedByte();
        if (type != PASS_THROUGH) {
            throw new FrameException("frame type: " + type + " (expected: " + PASS_THROUGH
                    + ", pass-through: no distribution header was negotiated)");
        }
        Term control = term(frame, "control message");
        Term payload = frame.isReadable() ? term(frame, "message") : null;
        if (frame.isReadable()) {
            throw new FrameException("frame: " + frame.readableBytes() + " bytes after the message (expected: 0)");
        }
        return new DistMessage(control, payload);
    }

    private Term term(ByteBuf frame, String what) throws FrameException {
        int offset = frame.readerIndex();
        try {
            return decoder.decode(frame);
        } catch (EtfDecodeException e) {
            throw new FrameException(what + " at frame offset " + offset + " does not decode: " + e.getMessage(), e);
        }
    }
}
