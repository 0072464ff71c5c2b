/**
 * The operations of {@link dev.beamlink.node.Node} that only this module's distribution layer and diagnostics may
 * call ({@link dev.beamlink.node.internal.NodeInternals}). Not exported.
 */
package dev.beamlink.node.internal;
