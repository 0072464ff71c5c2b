package dev.beamlink.etf;

/**
 * The tags of the External Term Format, named as in erl_ext_dist ("External Term Format", ERTS User's
 * Guide), each with the section that defines it.
 */
public final class EtfTags {

    /** The version byte that starts a whole external term (erl_ext_dist, "Introduction"). */
    public static final int VERSION = 131;
    /** Compressed term: {@code 80, UncompressedSize:32, ZlibData} (erl_ext_dist, "Introduction"). */
    public static final int COMPRESSED = 80;

    /** erl_ext_dist "NEW_FLOAT_EXT". */
    public static final int NEW_FLOAT_EXT = 70;
    /** erl_ext_dist "BIT_BINARY_EXT". */
    public static final int BIT_BINARY_EXT = 77;
    /** erl_ext_dist "ATOM_CACHE_REF". */
    public static final int ATOM_CACHE_REF = 82;
    /** erl_ext_dist "NEW_PID_EXT". */
    public static final int NEW_PID_EXT = 88;
    /** erl_ext_dist "NEW_PORT_EXT". */
    public static final int NEW_PORT_EXT = 89;
    /** erl_ext_dist "NEWER_REFERENCE_EXT". */
    public static final int NEWER_REFERENCE_EXT = 90;
    /** erl_ext_dist "SMALL_INTEGER_EXT". */
    public static final int SMALL_INTEGER_EXT = 97;
    /** erl_ext_dist "INTEGER_EXT". */
    public static final int INTEGER_EXT = 98;
    /** erl_ext_dist "FLOAT_EXT". */
    public static final int FLOAT_EXT = 99;
    /** erl_ext_dist "ATOM_EXT" (deprecated). */
    public static final int ATOM_EXT = 100;
    /** erl_ext_dist "REFERENCE_EXT" (deprecated). */
    public static final int REFERENCE_EXT = 101;
    /** erl_ext_dist "PORT_EXT". */
    public static final int PORT_EXT = 102;
    /** erl_ext_dist "PID_EXT". */
    public static final int PID_EXT = 103;
    /** erl_ext_dist "SMALL_TUPLE_EXT". */
    public static final int SMALL_TUPLE_EXT = 104;
    /** erl_ext_dist "LARGE_TUPLE_EXT". */
    public static final int LARGE_TUPLE_EXT = 105;
    /** erl_ext_dist "NIL_EXT". */
    public static final int NIL_EXT = 106;
    /** erl_ext_dist "STRING_EXT". */
    public static final int STRING_EXT = 107;
    /** erl_ext_dist "LIST_EXT". */
    public static final int LIST_EXT = 108;
    /** erl_ext_dist "BINARY_EXT". */
    public static final int BINARY_EXT = 109;
    /** erl_ext_dist "SMALL_BIG_EXT". */
    public static final int SMALL_BIG_EXT = 110;
    /** erl_ext_dist "LARGE_BIG_EXT". */
    public static final int LARGE_BIG_EXT = 111;
    /** erl_ext_dist "NEW_FUN_EXT". */
    public static final int NEW_FUN_EXT = 112;
    /** erl_ext_dist "EXPORT_EXT". */
    public static final int EXPORT_EXT = 113;
    /** erl_ext_dist "NEW_REFERENCE_EXT". */
    public static final int NEW_REFERENCE_EXT = 114;
    /** erl_ext_dist "SMALL_ATOM_EXT" (deprecated). */
    public static final int SMALL_ATOM_EXT = 115;
    /** erl_ext_dist "MAP_EXT". */
    public static final int MAP_EXT = 116;
    /** erl_ext_dist "FUN_EXT" (removed: not emitted since R8, not decoded since OTP 23). */
    public static final int FUN_EXT = 117;
    /** erl_ext_dist "ATOM_UTF8_EXT". */
    public static final int ATOM_UTF8_EXT = 118;
    /** erl_ext_dist "SMALL_ATOM_UTF8_EXT". */
    public static final int SMALL_ATOM_UTF8_EXT = 119;
    /** erl_ext_dist "V4_PORT_EXT". */
    public static final int V4_PORT_EXT = 120;
    /** erl_ext_dist "LOCAL_EXT" (OTP 26+). */
    public static final int LOCAL_EXT = 121;

    private EtfTags() {
    }

    /** {@return the spec name of {@code tag}, e.g. {@code "LIST_EXT"}, or {@code "tag N"} when it is not one} */
    public static String name(int tag) {
        return switch (tag) {
            case VERSION -> "VERSION";
            case COMPRESSED -> "COMPRESSED";
            case NEW_FLOAT_EXT -> "NEW_FLOAT_EXT";
            case BIT_BINARY_EXT -> "BIT_BINARY_EXT";
            case ATOM_CACHE_REF -> "ATOM_CACHE_REF";
            case NEW_PID_EXT -> "NEW_PID_EXT";
            case NEW_PORT_EXT -> "NEW_PORT_EXT";
            case NEWER_REFERENCE_EXT -> "NEWER_REFERENCE_EXT";
            case SMALL_INTEGER_EXT -> "SMALL_INTEGER_EXT";
            case INTEGER_EXT -> "INTEGER_EXT";
            case FLOAT_EXT -> "FLOAT_EXT";
            case ATOM_EXT -> "ATOM_EXT";
            case REFERENCE_EXT -> "REFERENCE_EXT";
            case PORT_EXT -> "PORT_EXT";
            case PID_EXT -> "PID_EXT";
            case SMALL_TUPLE_EXT -> "SMALL_TUPLE_EXT";
            case LARGE_TUPLE_EXT -> "LARGE_TUPLE_EXT";
            case NIL_EXT -> "NIL_EXT";
            case STRING_EXT -> "STRING_EXT";
            case LIST_EXT -> "LIST_EXT";
            case BINARY_EXT -> "BINARY_EXT";
            case SMALL_BIG_EXT -> "SMALL_BIG_EXT";
            case LARGE_BIG_EXT -> "LARGE_BIG_EXT";
            case NEW_FUN_EXT -> "NEW_FUN_EXT";
            case EXPORT_EXT -> "EXPORT_EXT";
            case NEW_REFERENCE_EXT -> "NEW_REFERENCE_EXT";
            case SMALL_ATOM_EXT -> "SMALL_ATOM_EXT";
            case MAP_EXT -> "MAP_EXT";
            case FUN_EXT -> "FUN_EXT";
            case ATOM_UTF8_EXT -> "ATOM_UTF8_EXT";
            case SMALL_ATOM_UTF8_EXT -> "SMALL_ATOM_UTF8_EXT";
            case V4_PORT_EXT -> "V4_PORT_EXT";
            case LOCAL_EXT -> "LOCAL_EXT";
            default -> "tag " + tag;
        };
    }
}
