package dev.beamlink.interop.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamlink.node.FiveProcessScenario;
import dev.beamlink.node.Node;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Erl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lesson seed's five processes (W2 linked to W1 and S4; S4 linked to W3 and S5; S4 and S5 trap
 * exits), for each way W2 can end: the Java runtime's outcome table must be the live erl's.
 */
@Tag("interop")
class FiveProcessScenarioTest {

    @Erl(name = "five")
    private static ErlNode erl;

    @ParameterizedTest(name = "W2 ends: {0}")
    @EnumSource(FiveProcessScenario.Ending.class)
    void theJavaRuntimeGivesTheLiveErlsOutcome(FiveProcessScenario.Ending ending) {
        String beam = FiveProcessScenario.runOnBeam(erl, ending);
        assertEquals(FiveProcessScenario.OBSERVED_ON_BEAM.get(ending), beam, "the live erl's outcome");
        try (Node node = Node.create("five@localhost")) {
            assertEquals(beam, FiveProcessScenario.run(node, ending, FiveProcessScenario.allJava()),
                    "the Java runtime's outcome against the live erl's");
        }
    }
}
