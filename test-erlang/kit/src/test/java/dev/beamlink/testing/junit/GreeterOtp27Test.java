package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The README's example again, on OTP 27: a subclass with another {@link Otp}. It shares the static fields of
 * {@link GreeterTest}, so the two must not run at once: {@link Isolated} keeps it apart from the other classes.
 */
@Tag("interop")
@Otp(27)
@Isolated
class GreeterOtp27Test extends GreeterTest {

    @Test
    void theGreeterRunsOnOtp27() {
        assertEquals("\"27\"", erl.evalText("erlang:system_info(otp_release)."));
    }
}
