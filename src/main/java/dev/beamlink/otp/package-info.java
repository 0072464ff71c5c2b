/**
 * OTP's behaviours and services for Java processes, above the node's runtime and independent of the connection
 * layer: they use only the node's public API ({@link dev.beamlink.node.Node}, {@link dev.beamlink.node.Mailbox}).
 */
package dev.beamlink.otp;
