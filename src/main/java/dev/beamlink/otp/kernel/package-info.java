/**
 * The system processes a beamlink node runs for OTP's kernel: {@code net_kernel} (what {@code net_adm:ping/1} asks),
 * the I/O server that is the group leader of the processes the node starts on other nodes, and their supervision:
 * {@code kernel_sup} ({@link dev.beamlink.otp.kernel.KernelSupervisor}) and the {@link
 * dev.beamlink.otp.kernel.ProcessKeeper} that keeps it, {@code rex} and {@code pg} running. Not exported: the node
 * starts them itself.
 */
package dev.beamlink.otp.kernel;
