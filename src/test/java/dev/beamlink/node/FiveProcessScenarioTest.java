package dev.beamlink.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lesson seed's five processes (W2 linked to W1 and S4; S4 linked to W3 and S5; S4 and S5 trap
 * exits), for each way W2 can end: the Java runtime's outcome table must be the live erl's.
 */
class FiveProcessScenarioTest {

    /** What a live OTP 25 node gives (semantics.md: a trapping S4 is not killed by a killed W2). */
    private static final Map<FiveProcessScenario.Ending, String> OBSERVED_ON_BEAM = new EnumMap<>(Map.of(
            FiveProcessScenario.Ending.NORMAL,
            "w1=alive[] w2=dead(normal) w3=alive[] s4=alive[{'EXIT',w2,normal}] s5=alive[]",
            FiveProcessScenario.Ending.REASON,
            "w1=dead(some_reason) w2=dead(some_reason) w3=alive[] s4=alive[{'EXIT',w2,some_reason}] s5=alive[]",
            FiveProcessScenario.Ending.KILLED,
            "w1=dead(killed) w2=dead(killed) w3=alive[] s4=alive[{'EXIT',w2,killed}] s5=alive[]",
            FiveProcessScenario.Ending.EXIT_KILL,
            "w1=dead(kill) w2=dead(kill) w3=alive[] s4=alive[{'EXIT',w2,kill}] s5=alive[]"));

    private static Epmd epmd;
    private static ErlNode erl;

    @BeforeAll
    static void startErl() {
        epmd = Epmd.start();
        erl = ErlNode.builder().name("five").epmd(epmd).start();
    }

    @AfterAll
    static void stopErl() {
        if (erl != null) {
            erl.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    @ParameterizedTest(name = "W2 ends: {0}")
    @EnumSource(FiveProcessScenario.Ending.class)
    void theJavaRuntimeGivesTheLiveErlsOutcome(FiveProcessScenario.Ending ending) {
        compare(ending);
    }

    private static void compare(FiveProcessScenario.Ending ending) {
        String beam = erlString(erl.eval("five_process_scenario:run(" + ending.erlang + ").").etf());
        assertEquals(OBSERVED_ON_BEAM.get(ending), beam, "the live erl's outcome");
        try (Node node = Node.create("five@localhost")) {
            assertEquals(beam, FiveProcessScenario.run(node, ending), "the Java runtime's outcome against the live erl's");
        }
    }

    /** {@return the text of an Erlang string from its term_to_binary: STRING_EXT (107), 2-byte length, the bytes} */
    private static String erlString(byte[] etf) {
        if (etf.length < 4 || (etf[0] & 0xFF) != 131 || etf[1] != 107) {
            throw new AssertionError("not an Erlang string of bytes: " + Arrays.toString(etf));
        }
        int length = ((etf[2] & 0xFF) << 8) | (etf[3] & 0xFF);
        return new String(etf, 4, length, StandardCharsets.ISO_8859_1);
    }
}
