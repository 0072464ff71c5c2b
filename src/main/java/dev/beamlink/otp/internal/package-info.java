/**
 * What the node's services share and users do not see: how a log line prints a message a peer chose. Not exported.
 */
package dev.beamlink.otp.internal;
