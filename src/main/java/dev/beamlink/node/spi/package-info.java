/**
 * The seam between the process runtime and this module's distribution layer: the {@link dev.beamlink.node.spi.Signal}
 * records (one per distribution control message), the {@link dev.beamlink.node.spi.Distribution} that names the
 * {@link dev.beamlink.node.spi.Circuit} signals for another node go over, what became of each
 * ({@link dev.beamlink.node.spi.Delivery}), and the {@link dev.beamlink.node.spi.Attachment} through which signals
 * from the wire and connection events come in.
 *
 * <p>Not exported: users see the node through {@link dev.beamlink.node.Node} and {@link dev.beamlink.node.Mailbox}.
 */
package dev.beamlink.node.spi;
