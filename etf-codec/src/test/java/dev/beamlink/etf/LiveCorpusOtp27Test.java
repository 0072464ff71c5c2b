package dev.beamlink.etf;

/** {@link LiveCorpusTest} on OTP 27, from the Debian trixie root of {@code make otp-root}. */
class LiveCorpusOtp27Test extends LiveCorpusTest {

    @Override
    int release() {
        return 27;
    }
}
