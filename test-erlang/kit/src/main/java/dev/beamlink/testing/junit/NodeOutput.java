package dev.beamlink.testing.junit;

import dev.beamlink.testing.ErlNode;

/** What a node printed while a test ran, attached to the test's failure as a suppressed exception (without a stack). */
final class NodeOutput extends RuntimeException {

    private final String nodeName;

    NodeOutput(ErlNode node, String output) {
        super(node + " printed:\n" + output, null, false, false);
        this.nodeName = node.nodeName();
    }

    String nodeName() {
        return nodeName;
    }
}
