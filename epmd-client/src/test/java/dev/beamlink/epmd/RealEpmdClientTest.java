package dev.beamlink.epmd;

import dev.beamlink.testing.Epmd;

/** The client against OTP's {@code epmd}. */
class RealEpmdClientTest extends ClientContractTest {

    @Override
    Running startEpmd() {
        Epmd epmd = Epmd.start();
        return new Running(epmd.port(), epmd);
    }
}
