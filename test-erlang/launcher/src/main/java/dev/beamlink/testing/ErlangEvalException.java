package dev.beamlink.testing;

/** An expression evaluated on a live erl node raised an exception there. */
public final class ErlangEvalException extends RuntimeException {

    private final transient byte[] etf;

    ErlangEvalException(String expression, String printed, byte[] etf) {
        super("erl raised an exception evaluating `" + expression + "`:\n" + printed);
        this.etf = etf;
    }

    /** {@return {@code term_to_binary({Class, Reason, Stacktrace})} of what was raised} */
    public byte[] etf() {
        return etf.clone();
    }
}
