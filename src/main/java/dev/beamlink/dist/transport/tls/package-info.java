/**
 * Distribution over TLS, interoperable with OTP's {@code inet_tls_dist}: {@link dev.beamlink.dist.transport.tls.TlsTransport},
 * configured with {@link dev.beamlink.dist.transport.tls.TlsOptions} as an {@code ssl_dist_optfile} configures erl, on
 * the JDK's {@code SSLEngine} and nothing else.
 */
package dev.beamlink.dist.transport.tls;
