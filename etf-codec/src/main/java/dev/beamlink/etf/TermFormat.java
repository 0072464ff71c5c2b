package dev.beamlink.etf;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Prints terms in Erlang syntax, on one line, as {@code io:format("~p")} does: {@code {ok,<<"abc">>,[1,2|t]}},
 * {@code 'quoted atom'}, {@code #{a => 1}}, {@code "text"} for printable lists. Pids, references and ports
 * carry their node name where Erlang prints a node index: {@code <java@host.42.0>}.
 *
 * <p>Iterative, so a list or tuple nested 100 000 deep prints without exhausting the stack.
 */
final class TermFormat {

    /** Words that Erlang quotes when used as atoms (erl_scan:reserved_word/1, with OTP 25+'s maybe/else). */
    private static final Set<String> RESERVED = Set.of(
            "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case",
            "catch", "cond", "div", "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive",
            "rem", "try", "when", "xor", "maybe", "else");

    private TermFormat() {
    }

    static String format(Term term) {
        return format(term, Integer.MAX_VALUE);
    }

    /**
     * {@return the syntax of {@code term} cut to its first {@code maxChars} characters, followed, when cut, by
     * {@code ...(N more characters)}} The rest is counted, not kept: a term of any size prints in bounded memory.
     */
    static String format(Term term, int maxChars) {
        Text out = new Text(maxChars);
        // Work items: a Term to print, or a String to append verbatim.
        List<Object> stack = new ArrayList<>();
        stack.add(term);
        while (!stack.isEmpty()) {
            Object item = stack.remove(stack.size() - 1);
            if (item instanceof String text) {
                out.append(text);
                continue;
            }
            switch ((Term) item) {
                case Atom atom -> appendAtom(out, atom.text());
                case Int(long value) -> out.append(value);
                case BigInt(var value) -> out.append(value);
                case ErlFloat(double value) -> out.append(formatFloat(value));
                case Binary binary -> appendBinary(out, binary);
                case BitString bits -> appendBits(out, bits);
                case Nil nil -> out.append("[]");
                case Pid(Atom node, int id, int serial, int creation) ->
                        out.append('<').append(node.text()).append('.').append(Integer.toUnsignedString(id))
                                .append('.').append(Integer.toUnsignedString(serial)).append('>');
                case Port(Atom node, long id, int creation) ->
                        out.append("#Port<").append(node.text()).append('.').append(Long.toUnsignedString(id)).append('>');
                case Ref ref -> {
                    out.append("#Ref<").append(ref.node().text());
                    for (int i = ref.idCount() - 1; i >= 0; i--) {
                        out.append('.').append(Integer.toUnsignedString(ref.id(i)));
                    }
                    out.append('>');
                }
                case Fun fun -> out.append("#Fun<").append(fun.module().text()).append('.')
                        .append(fun.index()).append('.').append(Integer.toUnsignedString(fun.oldUniq())).append('>');
                case ExternalFun(Atom module, Atom function, int arity) -> {
                    out.append("fun ");
                    appendAtom(out, module.text());
                    out.append(':');
                    appendAtom(out, function.text());
                    out.append('/').append(arity);
                }
                case Tuple(List<Term> elements) -> pushSequence(stack, "{", elements, null, "}");
                case ErlList list -> {
                    String text = printableString(list);
                    if (text != null) {
                        appendQuoted(out, text, '"');
                    } else {
                        pushSequence(stack, "[", list.elements(), list.tail() instanceof Nil ? null : list.tail(), "]");
                    }
                }
                case ErlMap map -> {
                    // Keys in map-key order, as ~p prints them (the map caches that order).
                    Term[] pairs = TermOrder.sortedPairs(map.frozen());
                    stack.add("}");
                    for (int i = pairs.length - 2; i >= 0; i -= 2) {
                        stack.add(pairs[i + 1]);
                        stack.add(" => ");
                        stack.add(pairs[i]);
                        if (i > 0) {
                            stack.add(",");
                        }
                    }
                    stack.add("#{");
                }
            }
        }
        return out.finish();
    }

    /** Pushes {@code open e1,e2,...|tail close} so that it pops in reading order. */
    private static void pushSequence(List<Object> stack, String open, List<Term> elements, Term tail, String close) {
        stack.add(close);
        if (tail != null) {
            stack.add(tail);
            stack.add("|");
        }
        for (int i = elements.size() - 1; i >= 0; i--) {
            stack.add(elements.get(i));
            if (i > 0) {
                stack.add(",");
            }
        }
        stack.add(open);
    }

    private static void appendAtom(Text out, String text) {
        if (needsQuotes(text)) {
            appendQuoted(out, text, '\'');
        } else {
            out.append(text);
        }
    }

    /** io_lib:quote_atom/2: unquoted only for a lowercase Latin-1 start and Latin-1 name characters. */
    private static boolean needsQuotes(String text) {
        if (text.isEmpty() || RESERVED.contains(text) || !isLowerLatin1(text.charAt(0))) {
            return true;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean nameChar = isLowerLatin1(c) || (c >= 'A' && c <= 'Z') || (c >= 'À' && c <= 'Þ' && c != '×')
                    || (c >= '0' && c <= '9') || c == '_' || c == '@';
            if (!nameChar) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLowerLatin1(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'ß' && c <= 'ÿ' && c != '÷');
    }

    private static void appendQuoted(Text out, String text, char quote) {
        out.append(quote);
        for (int i = 0; i < text.length(); i++) {
            appendQuotedChar(out, text.charAt(i), quote);
        }
        out.append(quote);
    }

    private static void appendQuotedChar(Text out, char c, char quote) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c == quote) {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c == 0x7F) {
                    out.append('\\').append(Integer.toOctalString(c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    /** The text of a list that Erlang's ~p prints as a string: printable ASCII and common escapes. */
    private static String printableString(ErlList list) {
        if (!list.isProper()) {
            return null;
        }
        StringBuilder text = new StringBuilder(list.elements().size());
        for (Term element : list.elements()) {
            if (!(element instanceof Int(long c)) || !isPrintable(c)) {
                return null;
            }
            text.append((char) c);
        }
        return text.toString();
    }

    private static boolean isPrintable(long c) {
        return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' || c == '\t';
    }

    private static void appendBinary(Text out, Binary binary) {
        byte[] bytes = binary.array();
        int from = binary.offset();
        int to = from + binary.size();
        boolean printable = true;
        for (int i = from; i < to && printable; i++) {
            printable = isPrintable(bytes[i] & 0xFF);
        }
        out.append("<<");
        if (binary.size() > 0 && printable) {
            out.append('"');
            for (int i = from; i < to; i++) {
                appendQuotedChar(out, (char) (bytes[i] & 0xFF), '"');
            }
            out.append('"');
        } else {
            for (int i = from; i < to; i++) {
                if (i > from) {
                    out.append(',');
                }
                out.append(bytes[i] & 0xFF);
            }
        }
        out.append(">>");
    }

    private static void appendBits(Text out, BitString bits) {
        byte[] bytes = bits.bytes();
        out.append("<<");
        for (int i = 0; i < bytes.length - 1; i++) {
            out.append(bytes[i] & 0xFF).append(',');
        }
        int last = (bytes[bytes.length - 1] & 0xFF) >>> (8 - bits.trailingBits());
        out.append(last).append(':').append(bits.trailingBits()).append(">>");
    }

    /**
     * Where the printer writes: keeps the first {@code limit} characters and counts the rest, so that a cut says
     * how much it left out.
     */
    private static final class Text {

        private final StringBuilder kept = new StringBuilder();
        private final int limit;
        private long total;

        Text(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("maxChars: " + limit + " (expected: >= 0)");
            }
            this.limit = limit;
        }

        Text append(char c) {
            if (total < limit) {
                kept.append(c);
            }
            total++;
            return this;
        }

        Text append(String text) {
            if (total < limit) {
                kept.append(text, 0, (int) Math.min(text.length(), limit - total));
            }
            total += text.length();
            return this;
        }

        Text append(long value) {
            return append(Long.toString(value));
        }

        Text append(Object value) {
            return append(String.valueOf(value));
        }

        /** {@return the kept characters, and when some were cut, how many: never half a surrogate pair} */
        String finish() {
            if (total <= limit) {
                return kept.toString();
            }
            long cut = total - kept.length();
            if (!kept.isEmpty() && Character.isHighSurrogate(kept.charAt(kept.length() - 1))) {
                kept.setLength(kept.length() - 1);
                cut++;
            }
            return kept + "...(" + cut + " more characters)";
        }
    }

    /**
     * Erlang's float syntax (io_lib_format:fwrite_g/1): the shortest digits that read back as the same
     * float, in plain or scientific notation, whichever is shorter (plain on a tie): {@code 100.0},
     * {@code 1.0e6}, {@code 0.001}, {@code 5.0e-324}, {@code -0.0}.
     */
    static String formatFloat(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        // Double.toString prints at least two significant digits; Erlang prints one where one suffices.
        if (shortest.precision() == 2) {
            BigDecimal oneDigit = shortest.round(new java.math.MathContext(1, java.math.RoundingMode.HALF_EVEN));
            if (oneDigit.doubleValue() == value) {
                shortest = oneDigit.stripTrailingZeros();
            }
        }
        String sign = shortest.signum() < 0 ? "-" : "";
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // value = d.ddd * 10^exponent
        String scientific = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0") + "e" + exponent;
        String plain;
        if (exponent < 0) {
            plain = "0." + "0".repeat(-exponent - 1) + digits;
        } else if (exponent + 1 >= digits.length()) {
            plain = digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
        } else {
            plain = digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
        }
        return sign + (scientific.length() < plain.length() ? scientific : plain);
    }
}
