package dev.beamlink.node;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;

/** A test class's own node, and a passive mailbox on it for the test itself; closed after each test. */
abstract class NodeFixture {

    final Node node = Node.create(getClass().getSimpleName().toLowerCase(Locale.ROOT) + "@localhost");
    final Mailbox test = node.mailbox();

    @AfterEach
    final void closeNode() {
        node.close();
    }
}
