package dev.beamlink.testing;

/**
 * A term from Java in Erlang code: {@code binary_to_term(<<131,...>>)} of its external format, so that a test splices
 * pids, references and any other term into an expression it evaluates on a node ({@link ErlNode#eval(String)}) without
 * printing it in Erlang syntax, and without binding a variable of the node's evaluator.
 */
public final class TermLiteral {

    private TermLiteral() {
    }

    /** {@return an Erlang expression whose value is the term {@code etf} encodes (bytes of the external term format)} */
    public static String of(byte[] etf) {
        StringBuilder out = new StringBuilder(etf.length * 4 + 24).append("binary_to_term(<<");
        for (int i = 0; i < etf.length; i++) {
            out.append(i == 0 ? "" : ",").append(etf[i] & 0xFF);
        }
        return out.append(">>)").toString();
    }

    /** {@return an Elixir expression whose value is the term {@code etf} encodes: {@code :erlang.binary_to_term(<<...>>)}} */
    public static String elixir(byte[] etf) {
        return ":erlang." + of(etf);
    }
}
