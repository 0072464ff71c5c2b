package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.FreePorts;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary.Failure;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Test classes that fail on purpose, run here through JUnit's launcher: their failures carry what the nodes printed
 * during them, a node that cannot be had fails the test (never skips it) saying how to get one, and nothing they
 * started is left running, whatever the failure.
 */
@Tag("interop")
class FailuresTest {

    /** The nodes and epmd ports the scenarios saw, to check afterwards that they are gone. */
    private static final List<ErlNode> NODES = new CopyOnWriteArrayList<>();
    private static final List<Integer> EPMD_PORTS = new CopyOnWriteArrayList<>();

    static class FailingScenario {
        @Erl
        static ErlNode erl;

        @BeforeAll
        static void printBeforeTheTest() {
            erl.eval("io:format(user, \"printed-before-the-test~n\", []).");
        }

        @Test
        void fails(@Erl ErlNode mine, Epmd epmd) {
            NODES.addAll(List.of(erl, mine));
            EPMD_PORTS.add(epmd.port());
            erl.eval("io:format(user, \"class-node-during-the-test~n\", []).");
            mine.eval("io:format(user, \"test-node-during-the-test~n\", []).");
            fail("on purpose");
        }
    }

    static class TimingOutScenario {
        @Test
        @Timeout(2)
        void hangsOnTheNode(@Erl ErlNode erl) {
            NODES.add(erl);
            erl.eval("timer:sleep(60000).");
        }
    }

    static class TooNewScenario {
        @Test
        void needsAReleaseNobodyHas(@Erl(minOtp = 99) ErlNode erl) {
            NODES.add(erl);
        }
    }

    static class SetUpFailsScenario {
        @Erl
        static ErlNode erl;

        @BeforeAll
        static void breaks() {
            NODES.add(erl);
            erl.eval("io:format(user, \"setting-up~n\", []).");
            throw new IllegalStateException("set-up failed on purpose");
        }

        @Test
        void neverRuns() {
            fail("the set-up failed");
        }
    }

    @Test
    void aFailureCarriesWhatEachNodePrintedDuringTheTest() {
        Throwable failure = onlyFailure(run(FailingScenario.class)).getException();
        assertEquals("on purpose", failure.getMessage());
        String attached = String.join("\n", Arrays.stream(failure.getSuppressed()).map(Throwable::getMessage).toList());
        assertTrue(attached.contains("class-node-during-the-test"), attached);
        assertTrue(attached.contains("test-node-during-the-test"), attached);
        assertFalse(attached.contains("printed-before-the-test"), "only what was printed during the test: " + attached);
        assertFalse(attached.contains("BEAMLINK"), "not the kit's own traffic: " + attached);
        assertEverythingStopped();
    }

    @Test
    void aTestThatTimesOutFailsAndItsNodeIsStopped() {
        Throwable failure = onlyFailure(run(TimingOutScenario.class)).getException();
        assertInstanceOf(TimeoutException.class, failure, failure.toString());
        assertEverythingStopped();
    }

    @Test
    void aReleaseNobodyHasFailsTheTestSayingHowToGetIt() {
        TestExecutionSummary summary = run(TooNewScenario.class);
        assertEquals(0, summary.getTestsSkippedCount() + summary.getTestsAbortedCount(), "never skipped");
        String message = onlyFailure(summary).getException().getMessage();
        assertTrue(message.contains("No Erlang/OTP installation here has OTP 99 or newer"), message);
        assertTrue(message.contains("make otp-root") && message.contains("install that Erlang/OTP"), message);
        assertTrue(message.contains("parameter erl of TooNewScenario.needsAReleaseNobodyHas"), message);
    }

    @Test
    void aFailingSetUpCarriesTheClassNodesOutputAndStopsIt() {
        Failure failure = onlyFailure(run(SetUpFailsScenario.class));
        assertEquals("set-up failed on purpose", failure.getException().getMessage());
        String attached = String.join("\n", Arrays.stream(failure.getException().getSuppressed()).map(Throwable::getMessage).toList());
        assertTrue(attached.contains("setting-up"), attached);
        assertEverythingStopped();
    }

    private static TestExecutionSummary run(Class<?> scenario) {
        NODES.clear();
        EPMD_PORTS.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(scenario)).build(), listener);
        return listener.getSummary();
    }

    private static Failure onlyFailure(TestExecutionSummary summary) {
        assertEquals(1, summary.getFailures().size(), summary.getFailures().toString());
        return summary.getFailures().getFirst();
    }

    private static void assertEverythingStopped() {
        assertFalse(NODES.isEmpty());
        for (ErlNode node : NODES) {
            assertFalse(node.isAlive(), node + " still runs");
        }
        for (int port : EPMD_PORTS) {
            assertFalse(FreePorts.awaitListening(port, Duration.ZERO), "epmd still listens on " + port);
        }
    }
}
