/**
 * The system processes a beamlink node runs for OTP's kernel: {@code net_kernel} (what {@code net_adm:ping/1} asks)
 * and the I/O server that is the group leader of the processes the node starts on other nodes. Not exported: the
 * node starts them itself.
 */
package dev.beamlink.otp.kernel;
