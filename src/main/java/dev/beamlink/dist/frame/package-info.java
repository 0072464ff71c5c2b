/**
 * Distribution frames: cutting them from the byte stream ({@link dev.beamlink.dist.frame.FrameReader}),
 * writing them in coalesced batches ({@link dev.beamlink.dist.frame.FrameWriter}), and the layout of the terms
 * inside one, chosen from the negotiated flags ({@link dev.beamlink.dist.frame.FrameFormat}).
 */
package dev.beamlink.dist.frame;
