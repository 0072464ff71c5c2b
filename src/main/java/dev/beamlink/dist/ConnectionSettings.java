package dev.beamlink.dist;

import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Pid;
import io.netty.buffer.ByteBufAllocator;

/**
 * What every connection of a node shares.
 *
 * @param encoder           encodes the terms of outgoing frames
 * @param decoder           decodes incoming terms: the node's one decoder, with its bounded atom table
 * @param allocator         where frame buffers come from
 * @param receiveBufferSize the size of a connection's receive buffer
 * @param maxFrameLength    the largest frame a peer may send
 * @param groupLeader       the group leader of the processes this node asks peers for ({@link IoServer})
 */
record ConnectionSettings(EtfEncoder encoder, EtfDecoder decoder, ByteBufAllocator allocator, int receiveBufferSize,
                          long maxFrameLength, Pid groupLeader) {
}
