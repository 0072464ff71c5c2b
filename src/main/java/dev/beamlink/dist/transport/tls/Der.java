package dev.beamlink.dist.transport.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few DER elements (ITU-T X.690) that reading a private key needs: one tag, length and contents at a time, every
 * length checked against the bytes there are before anything is read.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** The context-specific, constructed tag [0]. */
    static final int CONTEXT_0 = 0xA0;

    private Der() {
    }

    /**
     * One element of {@code bytes}: its tag at {@code start}, its contents at {@code offset}, {@code length} bytes long.
     */
    record Element(int tag, byte[] bytes, int start, int offset, int length) {

        /** {@return the elements inside a constructed one} @throws IllegalArgumentException if they are not DER */
        List<Element> children() {
            List<Element> children = new ArrayList<>();
            int at = offset;
            int end = offset + length;
            while (at < end) {
                Element child = read(bytes, at, end);
                children.add(child);
                at = child.offset + child.length;
            }
            return children;
        }

        /** {@return a copy of the contents} */
        byte[] contents() {
            return Arrays.copyOfRange(bytes, offset, offset + length);
        }

        /** {@return a copy of the whole element, tag and length included} */
        byte[] encoded() {
            return Arrays.copyOfRange(bytes, start, offset + length);
        }

        /** {@return an OBJECT IDENTIFIER's dotted text} @throws IllegalArgumentException if this is not one */
        String oid() {
            expect(OID, "an OBJECT IDENTIFIER");
            if (length == 0) {
                throw new IllegalArgumentException("DER: an empty OBJECT IDENTIFIER at offset " + start);
            }
            StringBuilder text = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = offset; i < offset + length; i++) {
                if (value > Long.MAX_VALUE >>> 7) {
                    throw new IllegalArgumentException("DER: an OBJECT IDENTIFIER arc longer than 63 bits at offset " + i);
                }
                value = (value << 7) | (bytes[i] & 0x7F);
                if ((bytes[i] & 0x80) == 0) {
                    if (first) {
                        int top = (int) Math.min(2, value / 40);
                        text.append(top).append('.').append(value - 40L * top);
                        first = false;
                    } else {
                        text.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return text.toString();
        }

        /** @throws IllegalArgumentException if the tag is not {@code expected} */
        Element expect(int expected, String what) {
            if (tag != expected) {
                throw new IllegalArgumentException(String.format("DER: tag 0x%02x at offset %d (expected: %s, 0x%02x)",
                        tag, start, what, expected));
            }
            return this;
        }
    }

    /** {@return the whole of {@code bytes} as one element} @throws IllegalArgumentException if it is not DER */
    static Element parse(byte[] bytes) {
        Element element = read(bytes, 0, bytes.length);
        if (element.offset + element.length != bytes.length) {
            throw new IllegalArgumentException("DER: " + (bytes.length - element.offset - element.length)
                    + " bytes after the element (expected: none)");
        }
        return element;
    }

    /** {@return the element at {@code at}, which must end by {@code end}} */
    static Element read(byte[] bytes, int at, int end) {
        if (end - at < 2) {
            throw new IllegalArgumentException("DER: " + (end - at) + " bytes left at offset " + at + " (expected: >= 2)");
        }
        int tag = bytes[at] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new IllegalArgumentException(String.format("DER: a multi-byte tag at offset %d (not used in keys)", at));
        }
        int first = bytes[at + 1] & 0xFF;
        int offset = at + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 4) {
                throw new IllegalArgumentException("DER: a length of " + count + " bytes at offset " + (at + 1)
                        + " (expected: 1 to 4)");
            }
            if (end - offset < count) {
                throw new IllegalArgumentException("DER: " + (end - offset) + " bytes left for a length of " + count
                        + " at offset " + offset);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (bytes[offset++] & 0xFF);
            }
        }
        if (length > end - offset) {
            throw new IllegalArgumentException("DER: length " + length + " at offset " + at + " (expected: <= "
                    + (end - offset) + ", the bytes left)");
        }
        return new Element(tag, bytes, at, offset, (int) length);
    }

    /** {@return the DER element of {@code tag} around the concatenated {@code contents}} */
    static byte[] encode(int tag, byte[]... contents) {
        int length = 0;
        for (byte[] part : contents) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int count = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | count);
            for (int i = count - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] part : contents) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
