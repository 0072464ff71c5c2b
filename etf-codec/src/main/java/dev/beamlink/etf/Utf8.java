package dev.beamlink.etf;

/** The UTF-8 of atom texts (erl_ext_dist ATOM_UTF8_EXT): its length, and writing it into an array. */
final class Utf8 {

    private Utf8() {
    }

    /** {@return the UTF-8 length of {@code text}} @throws IllegalArgumentException on an unpaired surrogate */
    static int length(String text) {
        int n = text.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the 2 chars
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("atom '" + text + "' has an unpaired surrogate at index " + i
                            + ": it has no UTF-8 encoding");
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /**
     * Writes the UTF-8 of {@code text}, whose surrogates {@link #length} has found paired, at {@code at}.
     *
     * @return the index after the last byte written
     */
    static int encode(String text, byte[] out, int at) {
        int pos = at;
        for (int i = 0, length = text.length(); i < length; i++) {
            int c = text.codePointAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[pos++] = (byte) (0xF0 | (c >> 18));
                out[pos++] = (byte) (0x80 | ((c >> 12) & 0x3F));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
                i++;
            }
        }
        return pos;
    }
}
