package dev.beamlink.dist.frame;

import dev.beamlink.etf.Term;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Whole frames of a format, as its writer puts them on the wire, for tests that look at the bytes. */
final class Frames {

    private Frames() {
    }

    /** {@return one frame, its length first, written as the writer writes an unfragmented message} */
    static ByteBuf frame(FrameFormat format, Term control, Term payload) {
        OutgoingFrame frame = format.encode(control, payload, OutgoingFrame.NO_SENDER);
        HeaderBytes header = new HeaderBytes();
        format.writeHeader(frame, header);
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(header.array(), 0, header.length());
        out.writeBytes(frame.body, frame.body.readerIndex(), frame.bodyLength());
        frame.release();
        return out;
    }
}
