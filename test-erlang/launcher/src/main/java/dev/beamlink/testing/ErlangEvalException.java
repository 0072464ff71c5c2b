package dev.beamlink.testing;

/** An expression evaluated on a live erl node raised an exception there. */
public final class ErlangEvalException extends RuntimeException {

    private final String printed;
    private final transient byte[] etf;

    ErlangEvalException(String expression, String printed, byte[] etf) {
        super("the node raised an exception evaluating `" + expression + "`:\n" + printed);
        this.printed = printed;
        this.etf = etf;
    }

    /** {@return the exception as the node printed it} */
    public String printed() {
        return printed;
    }

    /** {@return {@code term_to_binary({Class, Reason, Stacktrace})} of what was raised} */
    public byte[] etf() {
        return etf.clone();
    }
}
