package dev.beamlink.epmd;

import dev.beamlink.testing.Epmd;
import org.junit.jupiter.api.Tag;

/** The client against OTP's {@code epmd}. */
@Tag("interop")
class RealEpmdClientTest extends ClientContractTest {

    @Override
    Running startEpmd() {
        Epmd epmd = Epmd.start();
        return new Running(epmd.port(), epmd);
    }
}
