/**
 * OTP's {@code global} from Java: {@link dev.beamlink.global.Global}, the cluster-wide name registry a
 * {@code DistributedNode} takes part in. The protocol itself lives in a package of its own, not exported.
 */
package dev.beamlink.global;
