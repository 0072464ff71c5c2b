package dev.beamlink.epmd;

/**
 * EPMD refused a registration ({@code Result} > 0 in {@code ALIVE2_X_RESP} or {@code ALIVE2_RESP}). The
 * protocol gives no reason; since the client sends only names and extras that {@code epmd} accepts, the
 * reason is that a live node holds the name already.
 */
public final class EpmdNameInUseException extends EpmdException {

    private final String name;
    private final int result;

    EpmdNameInUseException(String message, String name, int result) {
        super(message, null);
        this.name = name;
        this.result = result;
    }

    /** {@return the name that was refused} */
    public String name() {
        return name;
    }

    /** {@return the {@code Result} byte EPMD answered (greater than 0)} */
    public int result() {
        return result;
    }
}
