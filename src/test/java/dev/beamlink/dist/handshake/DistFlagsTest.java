package dev.beamlink.dist.handshake;

import static dev.beamlink.dist.handshake.DistFlags.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistFlagsTest {

    /** The flags an OTP 25.2 node sent in its send_name, captured on this machine. */
    private static final long OTP_25_FLAGS = 0xd07df7fbdL;

    @Test
    void anOtp25NodeOffersEverythingBeamlinkRequires() {
        DistFlags otp25 = new DistFlags(OTP_25_FLAGS).expandDigest();
        assertTrue(otp25.missing(HandshakeConfig.REQUIRED_FLAGS).isEmpty(), otp25.toString());
        assertTrue(otp25.has(DFLAG_MANDATORY_25_DIGEST));
    }

    @Test
    void theDigestFlagStandsForTheOtp25MandatorySet() {
        DistFlags digestOnly = new DistFlags(DFLAG_MANDATORY_25_DIGEST | MANDATORY_DFLAGS_26);
        assertFalse(digestOnly.has(DFLAG_MAP_TAG));
        assertTrue(digestOnly.expandDigest().has(MANDATORY_DFLAGS_25));
    }

    @Test
    void namesTheMissingFlags() {
        DistFlags peer = new DistFlags(MANDATORY_DFLAGS_25);
        assertEquals(List.of("UNLINK_ID", "V4_NC"), peer.missing(MANDATORY_DFLAGS_26).names());
        assertEquals("0x3 [PUBLISHED, ATOM_CACHE]", new DistFlags(3).toString());
        assertEquals(List.of("bit62"), new DistFlags(1L << 62).names());
    }

    @Test
    void beamlinkOffersWhatItRequires() {
        DistFlags ours = HandshakeConfig.defaultFlags(false, 0);
        assertTrue(ours.missing(HandshakeConfig.REQUIRED_FLAGS).isEmpty());
        assertTrue(ours.has(DFLAG_PUBLISHED));
        assertFalse(HandshakeConfig.defaultFlags(true, 0).has(DFLAG_PUBLISHED));
    }
}
