package dev.beamlink.epmd;

import java.io.IOException;
import org.junit.jupiter.api.Tag;

/** The client against the embedded {@link EpmdServer}: the same behaviour as against {@code epmd}. */
@Tag("interop")
class EmbeddedEpmdClientTest extends ClientContractTest {

    @Override
    Running startEpmd() throws IOException {
        EpmdServer server = EpmdServer.builder().port(0).start();
        return new Running(server.port(), server);
    }
}
