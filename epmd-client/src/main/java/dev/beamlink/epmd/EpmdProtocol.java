package dev.beamlink.epmd;

/**
 * The numbers of the EPMD protocol, named as in the "EPMD Protocol" section of OTP's
 * <a href="https://www.erlang.org/doc/apps/erts/erl_dist_protocol.html">Distribution Protocol</a>
 * (erl_dist_protocol), and the limits that OTP's {@code epmd} applies.
 *
 * <p>Every request is a 2-byte big-endian length followed by that many bytes, the first of which is
 * the request code. Replies are not length-prefixed; their layout depends on the request.
 */
public final class EpmdProtocol {

    /** The port EPMD listens on unless told otherwise ("By default the EPMD listens on port 4369"). */
    public static final int DEFAULT_PORT = 4369;

    /** The environment variable that names another EPMD port, read by {@code erl}, {@code epmd} and this library. */
    public static final String ERL_EPMD_PORT = "ERL_EPMD_PORT";

    /** "Register a Node in EPMD": {@code ALIVE2_REQ} (120). */
    public static final int ALIVE2_REQ = 120;

    /** "Register a Node in EPMD": {@code ALIVE2_X_RESP} (118), the reply with a 32-bit creation. */
    public static final int ALIVE2_X_RESP = 118;

    /** "Register a Node in EPMD": {@code ALIVE2_RESP} (121), the older reply with a 16-bit creation. */
    public static final int ALIVE2_RESP = 121;

    /** "Get the Distribution Port of Another Node": {@code PORT_PLEASE2_REQ} (122). */
    public static final int PORT_PLEASE2_REQ = 122;

    /** "Get the Distribution Port of Another Node": {@code PORT2_RESP} (119). */
    public static final int PORT2_RESP = 119;

    /** "Get All Registered Names from EPMD": {@code NAMES_REQ} (110). */
    public static final int NAMES_REQ = 110;

    /** "Dump All Data from EPMD": {@code DUMP_REQ} (100). */
    public static final int DUMP_REQ = 100;

    /** "Kill EPMD": {@code KILL_REQ} (107). */
    public static final int KILL_REQ = 107;

    /** "STOP_REQ (Not Used)": {@code STOP_REQ} (115). */
    public static final int STOP_REQ = 115;

    /** "Register a Node in EPMD", field {@code Result}: 0 is ok, anything greater an error. */
    public static final int RESULT_OK = 0;

    /** "Register a Node in EPMD", field {@code Protocol}: 0 = TCP/IPv4. */
    public static final int PROTOCOL_TCP_IPV4 = 0;

    /** "Register a Node in EPMD", field {@code HighestVersion}: the distribution version of OTP 23 and later. */
    public static final int DISTRIBUTION_VERSION_6 = 6;

    /**
     * The first distribution version that gets {@link #ALIVE2_X_RESP}: "If both the node and EPMD support
     * distribution version 6 then the response is ALIVE2_X_RESP otherwise it is the older ALIVE2_RESP".
     */
    public static final int FIRST_VERSION_WITH_X_RESP = 6;

    /** The most characters (code points) of a node name that {@code epmd} accepts. */
    public static final int MAX_NAME_CHARS = 255;

    /** The most bytes of a node name, or of the {@code Extra} field, that {@code epmd} accepts (its {@code MAXSYMLEN}). */
    public static final int MAX_SYMBOL_BYTES = 4 * MAX_NAME_CHARS;

    /**
     * The longest request {@code epmd} (OTP 25) reads: longer ones are closed unanswered as an "invalid packet
     * size". Measured against the real {@code epmd}; it is larger than the largest valid request, an
     * {@code ALIVE2_REQ} with the longest name and extra (13 + 2 x 1020 bytes).
     */
    public static final int MAX_REQUEST_LENGTH = 3057;

    private EpmdProtocol() {
    }
}
