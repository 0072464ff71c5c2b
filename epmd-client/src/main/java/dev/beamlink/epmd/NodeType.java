package dev.beamlink.epmd;

/**
 * The {@code NodeType} field of {@code ALIVE2_REQ} and {@code PORT2_RESP}: "77 = normal Erlang node,
 * 72 = hidden node (C-node)". Note that OTP's {@code erl} registers 77 even when started {@code -hidden}:
 * whether a connection is hidden is settled in the distribution handshake, not by EPMD.
 */
public enum NodeType {

    /** 77 ({@code 'M'}): a normal Erlang node, connected transitively to the whole cluster. */
    NORMAL(77),

    /** 72 ({@code 'H'}): a hidden node, as C nodes register. */
    HIDDEN(72);

    private final int code;

    NodeType(int code) {
        this.code = code;
    }

    /** {@return the byte that stands for this type on the wire} */
    public int code() {
        return code;
    }

    /**
     * {@return the node type with this wire code}
     *
     * @throws IllegalArgumentException if the code is neither 77 nor 72
     */
    public static NodeType fromCode(int code) {
        for (NodeType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("node type: " + code + " (expected: 77 or 72)");
    }
}
