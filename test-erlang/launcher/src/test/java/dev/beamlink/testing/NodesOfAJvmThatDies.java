package dev.beamlink.testing;

import java.io.IOException;

/**
 * A JVM that starts epmd, erl and Elixir nodes of both installations and never stops them: {@link JvmDeathTest} kills
 * it with SIGKILL and checks that they end by themselves.
 */
public final class NodesOfAJvmThatDies {

    private NodesOfAJvmThatDies() {
    }

    public static void main(String[] args) throws IOException {
        OtpInstallation otp27 = OtpInstallation.find(OtpRelease.exactly(27));
        Epmd hostEpmd = Epmd.start();
        Epmd rootEpmd = Epmd.start(otp27);
        ErlNode.builder().name("orphan25").epmd(hostEpmd).start();
        ErlNode.builder().name("orphan27").installation(otp27).epmd(rootEpmd).start();
        ErlNode.builder().name("orphanex").elixir(true).epmd(rootEpmd).start();
        System.out.println("started");
        System.out.flush();
        System.in.read(); // until killed
    }
}
