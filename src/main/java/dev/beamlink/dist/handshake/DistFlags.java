package dev.beamlink.dist.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of distribution capability flags, exchanged in the handshake (erl_dist_protocol,
 * "Distribution Flags"). The constants carry the values OTP's own {@code dist.hrl} uses; where the
 * protocol document disagrees (it places {@code DFLAG_MANDATORY_25_DIGEST} at bit 36), the value an
 * OTP 25 node actually sends wins (bit 26).
 *
 * @param bits the 64 flag bits
 */
public record DistFlags(long bits) {

    public static final long DFLAG_PUBLISHED = 0x01L;
    public static final long DFLAG_ATOM_CACHE = 0x02L;
    public static final long DFLAG_EXTENDED_REFERENCES = 0x04L;
    public static final long DFLAG_DIST_MONITOR = 0x08L;
    public static final long DFLAG_FUN_TAGS = 0x10L;
    public static final long DFLAG_DIST_MONITOR_NAME = 0x20L;
    public static final long DFLAG_HIDDEN_ATOM_CACHE = 0x40L;
    public static final long DFLAG_NEW_FUN_TAGS = 0x80L;
    public static final long DFLAG_EXTENDED_PIDS_PORTS = 0x100L;
    public static final long DFLAG_EXPORT_PTR_TAG = 0x200L;
    public static final long DFLAG_BIT_BINARIES = 0x400L;
    public static final long DFLAG_NEW_FLOATS = 0x800L;
    public static final long DFLAG_UNICODE_IO = 0x1000L;
    public static final long DFLAG_DIST_HDR_ATOM_CACHE = 0x2000L;
    public static final long DFLAG_SMALL_ATOM_TAGS = 0x4000L;
    public static final long DFLAG_UTF8_ATOMS = 0x10000L;
    public static final long DFLAG_MAP_TAG = 0x20000L;
    public static final long DFLAG_BIG_CREATION = 0x40000L;
    public static final long DFLAG_SEND_SENDER = 0x80000L;
    public static final long DFLAG_BIG_SEQTRACE_LABELS = 0x100000L;
    public static final long DFLAG_EXIT_PAYLOAD = 0x400000L;
    public static final long DFLAG_FRAGMENTS = 0x800000L;
    public static final long DFLAG_HANDSHAKE_23 = 0x1000000L;
    public static final long DFLAG_UNLINK_ID = 0x2000000L;
    public static final long DFLAG_MANDATORY_25_DIGEST = 0x4000000L;
    public static final long DFLAG_SPAWN = 1L << 32;
    public static final long DFLAG_NAME_ME = 1L << 33;
    public static final long DFLAG_V4_NC = 1L << 34;
    public static final long DFLAG_ALIAS = 1L << 35;
    public static final long DFLAG_LOCAL_EXT = 1L << 36;
    public static final long DFLAG_ALTACT_SIG = 1L << 37;

    /** The flags OTP 25 makes mandatory, for which {@link #DFLAG_MANDATORY_25_DIGEST} stands in. */
    public static final long MANDATORY_DFLAGS_25 = DFLAG_EXTENDED_REFERENCES | DFLAG_FUN_TAGS
            | DFLAG_EXTENDED_PIDS_PORTS | DFLAG_NEW_FUN_TAGS | DFLAG_EXPORT_PTR_TAG | DFLAG_BIT_BINARIES
            | DFLAG_NEW_FLOATS | DFLAG_UTF8_ATOMS | DFLAG_MAP_TAG | DFLAG_BIG_CREATION | DFLAG_HANDSHAKE_23;

    /** The flags OTP 26 adds to the mandatory ones. */
    public static final long MANDATORY_DFLAGS_26 = DFLAG_V4_NC | DFLAG_UNLINK_ID;

    private static final String[] NAMES = new String[64];

    static {
        name(DFLAG_PUBLISHED, "PUBLISHED");
        name(DFLAG_ATOM_CACHE, "ATOM_CACHE");
        name(DFLAG_EXTENDED_REFERENCES, "EXTENDED_REFERENCES");
        name(DFLAG_DIST_MONITOR, "DIST_MONITOR");
        name(DFLAG_FUN_TAGS, "FUN_TAGS");
        name(DFLAG_DIST_MONITOR_NAME, "DIST_MONITOR_NAME");
        name(DFLAG_HIDDEN_ATOM_CACHE, "HIDDEN_ATOM_CACHE");
        name(DFLAG_NEW_FUN_TAGS, "NEW_FUN_TAGS");
        name(DFLAG_EXTENDED_PIDS_PORTS, "EXTENDED_PIDS_PORTS");
        name(DFLAG_EXPORT_PTR_TAG, "EXPORT_PTR_TAG");
        name(DFLAG_BIT_BINARIES, "BIT_BINARIES");
        name(DFLAG_NEW_FLOATS, "NEW_FLOATS");
        name(DFLAG_UNICODE_IO, "UNICODE_IO");
        name(DFLAG_DIST_HDR_ATOM_CACHE, "DIST_HDR_ATOM_CACHE");
        name(DFLAG_SMALL_ATOM_TAGS, "SMALL_ATOM_TAGS");
        name(DFLAG_UTF8_ATOMS, "UTF8_ATOMS");
        name(DFLAG_MAP_TAG, "MAP_TAG");
        name(DFLAG_BIG_CREATION, "BIG_CREATION");
        name(DFLAG_SEND_SENDER, "SEND_SENDER");
        name(DFLAG_BIG_SEQTRACE_LABELS, "BIG_SEQTRACE_LABELS");
        name(DFLAG_EXIT_PAYLOAD, "EXIT_PAYLOAD");
        name(DFLAG_FRAGMENTS, "FRAGMENTS");
        name(DFLAG_HANDSHAKE_23, "HANDSHAKE_23");
        name(DFLAG_UNLINK_ID, "UNLINK_ID");
        name(DFLAG_MANDATORY_25_DIGEST, "MANDATORY_25_DIGEST");
        name(DFLAG_SPAWN, "SPAWN");
        name(DFLAG_NAME_ME, "NAME_ME");
        name(DFLAG_V4_NC, "V4_NC");
        name(DFLAG_ALIAS, "ALIAS");
        name(DFLAG_LOCAL_EXT, "LOCAL_EXT");
        name(DFLAG_ALTACT_SIG, "ALTACT_SIG");
    }

    private static void name(long flag, String name) {
        NAMES[Long.numberOfTrailingZeros(flag)] = name;
    }

    /** {@return whether every bit of {@code flags} is set} */
    public boolean has(long flags) {
        return (bits & flags) == flags;
    }

    /** {@return these flags with {@link #DFLAG_MANDATORY_25_DIGEST} expanded into the flags it stands for, as OTP 25+ reads a peer's flags} */
    public DistFlags expandDigest() {
        return has(DFLAG_MANDATORY_25_DIGEST) ? new DistFlags(bits | MANDATORY_DFLAGS_25) : this;
    }

    /** {@return the flags of {@code required} that are not set here} */
    public DistFlags missing(long required) {
        return new DistFlags(required & ~bits);
    }

    /** {@return the flags both sides have: what a connection uses (dist_util:adjust_flags/2)} */
    public DistFlags intersect(DistFlags other) {
        return new DistFlags(bits & other.bits);
    }

    /** {@return whether no flag is set} */
    public boolean isEmpty() {
        return bits == 0;
    }

    /** {@return the flag names, e.g. {@code [PUBLISHED, UNLINK_ID, bit45]}} */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (long rest = bits; rest != 0; rest &= rest - 1) {
            int bit = Long.numberOfTrailingZeros(rest);
            names.add(NAMES[bit] != null ? NAMES[bit] : "bit" + bit);
        }
        return names;
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(bits) + " " + names();
    }
}
