/**
 * OTP's {@code pg} (process groups) on a beamlink node: {@link dev.beamlink.otp.pg.Pg}, a scope's groups, replicated
 * with the erl nodes that run the same scope over pg's own protocol.
 */
package dev.beamlink.otp.pg;
