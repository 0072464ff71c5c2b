/**
 * Erlang calling Java: the functions a node exports ({@link dev.beamlink.otp.rpc.Exports}), which other nodes call with
 * {@code erpc}, {@code rpc} and {@code spawn}, the node's {@code rex}, and the built-in functions operators use to look
 * inside the node.
 */
package dev.beamlink.otp.rpc;
