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
 * sends when {@code DFLAG_DIST_HDR_ATOM_CACHE} was not negotiated. Never fragmented.
 *
 * <pre>{@code
 * BEFORE DECODE (the frame, its 4-byte length taken off)
 * 0     1                        1 + c
 * +-----+------------------------+-------------------------+
 * | 112 | ControlMessage         | Message                 |
 * |     | 131, then the term     | 131, then the term;     |
 * |     |                        | none for LINK ...       |
 * | 1   | c                      | the rest                |
 * +-----+------------------------+-------------------------+
 * AFTER DECODE: DistMessage(control, payload)
 * }</pre>
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
    public OutgoingFrame encode(Term control, Term payload, Object sender) {
        ByteBuf body = LargeBinaries.bodyBuffer(payload, encoder);
        try {
            encoder.encode(control, body);
            int controlLength = body.writerIndex();
            if (payload != null) {
                encoder.encode(payload, body);
            }
            return new OutgoingFrame(body, controlLength, null, 0, sender);
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
    }

    @Override
    public void writeHeader(OutgoingFrame frame, HeaderBytes out) {
        out.putInt(1 + frame.bodyLength());
        out.put(PASS_THROUGH);
    }

    @Override
    public int fragmentSize() {
        return 0;
    }

    @Override
    public void writeFragmentHeader(OutgoingFrame frame, long sequenceId, long fragmentId, long fragments, int bytes,
                                    HeaderBytes out) {
        throw new UnsupportedOperationException("pass-through frames are never fragmented");
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

    @Override
    public void closeReading() {
        // Nothing held between frames.
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
