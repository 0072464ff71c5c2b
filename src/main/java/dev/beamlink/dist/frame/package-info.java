/**
 * Distribution frames: cutting them from the byte stream ({@link dev.beamlink.dist.frame.FrameReader}),
 * writing them in coalesced batches, fragments interleaved, up to a high-water mark
 * ({@link dev.beamlink.dist.frame.FrameWriter}), and the layout of the terms inside one, chosen from the negotiated
 * flags ({@link dev.beamlink.dist.frame.FrameFormat}): the distribution header with its atom cache
 * ({@link dev.beamlink.dist.frame.DistHeaderFormat}, erl_ext_dist "Distribution Header") or pass-through frames
 * ({@link dev.beamlink.dist.frame.PassThroughFormat}).
 */
package dev.beamlink.dist.frame;
