package dev.beamlink.epmd;

/** A request the embedded server received, decoded by {@link RequestDecoder}. */
sealed interface EpmdRequest {

    /**
     * {@code ALIVE2_REQ}, as received: the node type is kept as its raw code and the name as raw bytes,
     * because {@code epmd} answers a bad name with a refusal rather than by closing.
     */
    record Alive2(int port, int nodeType, int protocol, int highestVersion, int lowestVersion,
                  byte[] name, byte[] extra) implements EpmdRequest {
    }

    /** {@code PORT_PLEASE2_REQ} for a valid name. */
    record PortPlease2(String name) implements EpmdRequest {
    }

    /** {@code NAMES_REQ}. */
    record Names() implements EpmdRequest {
    }

    /** {@code DUMP_REQ}. */
    record Dump() implements EpmdRequest {
    }

    /** {@code KILL_REQ}. */
    record Kill() implements EpmdRequest {
    }

    /** {@code STOP_REQ} (not used by nodes; refused, as by {@code epmd} without {@code -relaxed_command_check}). */
    record Stop() implements EpmdRequest {
    }

    /** A request code the protocol does not define. */
    record Unknown(int code) implements EpmdRequest {
    }
}
