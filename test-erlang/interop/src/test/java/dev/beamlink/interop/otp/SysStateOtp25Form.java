package dev.beamlink.interop.otp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test of {@code sys:get_state} or {@code sys:replace_state} between beamlink and erl, which holds on OTP 25 only.
 * OTP 26 changed what a process answers to these system messages: OTP 25's {@code sys.erl} answers the bare state
 * (and {@code get_state/1} returns any answer but {@code {error, Reason}}), OTP 26's answers {@code {ok, State}} (and
 * {@code get_state/1} takes nothing else). beamlink's {@code GenServer} and {@code Sys} speak OTP 25's form to every
 * peer: an OTP 27 erl's {@code sys:get_state} on a beamlink server raises {@code case_clause}, and beamlink's
 * {@code Sys.getState} of an OTP 27 server returns {@code {ok, State}}. An open bug of the library, not of the test: the
 * OTP 27 run (execution {@code otp27}) leaves these tests out by their tag {@value #TAG} until beamlink answers each
 * peer in its release's form.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(SysStateOtp25Form.TAG)
@interface SysStateOtp25Form {

    /** The JUnit tag of these tests. */
    String TAG = "sys-state-otp25-form";
}
