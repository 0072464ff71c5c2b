/**
 * The control messages of the Erlang distribution protocol (erl_dist_protocol, "Protocol between Connected
 * Nodes"): their {@link dev.beamlink.dist.control.Operation}s, one sealed interface of records, one per shape,
 * {@link dev.beamlink.dist.control.ControlMessage}, each holding its operation, and the one codec between those
 * records and the control tuples, {@link dev.beamlink.dist.control.ControlCodec}. It knows tuples only: frames are
 * {@code dev.beamlink.dist.frame}'s, meaning is the connection's.
 */
package dev.beamlink.dist.control;
