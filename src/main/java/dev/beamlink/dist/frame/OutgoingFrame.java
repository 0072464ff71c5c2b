package dev.beamlink.dist.frame;

import dev.beamlink.etf.Atom;
import io.netty.buffer.ByteBuf;

/**
 * One message as its sender encoded it, waiting in a {@link FrameWriter}: the bytes that follow the frame's header
 * (the control message, then the term after it), and what the writer needs to put the header in front of them when
 * the message reaches the wire: the atoms the terms refer to by atom cache reference, in reference order, and the
 * process whose messages must stay in order with it (fragments of one message are never interleaved with another
 * message of the same sender).
 */
public final class OutgoingFrame {

    /** The sender key of frames that name no sending process. */
    public static final Object NO_SENDER = new Object() {
        @Override
        public String toString() {
            return "no sender";
        }
    };

    final ByteBuf body;
    final int controlLength;
    final Atom[] atoms;
    final int atomCount;
    final Object sender;
    /** The writer's queue link ({@link FrameQueue}); no one else touches it. */
    volatile OutgoingFrame next;

    /**
     * @param body          the bytes after the header; the frame owns it (the writer releases it)
     * @param controlLength how many bytes at the start of {@code body} are the control message
     * @param atoms         the atoms of the header's atom cache references, by index (null when there are none)
     * @param atomCount     how many of {@code atoms} are used
     * @param sender        the key of the sending process ({@link #NO_SENDER} when none)
     */
    OutgoingFrame(ByteBuf body, int controlLength, Atom[] atoms, int atomCount, Object sender) {
        this.body = body;
        this.controlLength = controlLength;
        this.atoms = atoms;
        this.atomCount = atomCount;
        this.sender = sender;
    }

    /** {@return the bytes after the header} */
    public int bodyLength() {
        return body.readableBytes();
    }

    /** Releases the body of a frame that will not be written. */
    public void release() {
        body.release();
    }

    @Override
    public String toString() {
        return "frame of " + body.readableBytes() + " bytes (" + atomCount + " atom cache references) from " + sender;
    }
}
