package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.FiveProcessScenario;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lesson seed's five processes split across the wire: W1 and S4 on erl (started by the Java driver with a
 * remote spawn of five_process_scenario:member/1), W2, W3 and S5 on the Java node. Every link crosses the wire:
 * W2-W1 and W2-S4 are made by a Java process toward BEAM ones, S4-W3 and S4-S5 by a BEAM process toward Java
 * ones. For each way W2 ends, the outcome table must be the pure BEAM run's.
 */
@Tag("interop")
class SplitFiveProcessScenarioTest extends WireFixture {

    private static final Set<String> ON_ERL = Set.of("w1", "s4");

    private FiveProcessScenario.Placement split() {
        FiveProcessScenario.Placement onJava = FiveProcessScenario.allJava();
        return (driver, name, trap) -> {
            if (!ON_ERL.contains(name)) {
                return onJava.start(driver, name, trap);
            }
            Pid member = driver.spawn(erlNode(), Atom.of("five_process_scenario"), Atom.of("member"), List.of(Atom.of(trap)));
            assertEquals(erlNode(), member.node());
            return member;
        };
    }

    @ParameterizedTest(name = "W2 ends: {0}")
    @EnumSource(FiveProcessScenario.Ending.class)
    void theSplitRunGivesThePureBeamRunsOutcome(FiveProcessScenario.Ending ending) {
        String beam = FiveProcessScenario.runOnBeam(erl.node(), ending);
        assertEquals(FiveProcessScenario.OBSERVED_ON_BEAM.get(ending), beam, "the live erl's outcome");
        assertEquals(beam, FiveProcessScenario.run(java.node(), ending, split()), "the split run against the pure BEAM run");
    }
}
