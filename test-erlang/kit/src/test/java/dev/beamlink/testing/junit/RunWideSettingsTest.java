package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.testing.Distribution;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.OtpRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The run-wide settings, with which a whole suite runs again: {@code -Dbeamlink.otp=27} puts the nodes of classes
 * without {@link Otp} on OTP 27, and {@code -Dbeamlink.dist=tls} makes every {@link Erl} node a TLS node and every
 * {@link Beamlink} node one with a TLS transport, with certificates of the class's own. A scenario class runs here
 * through JUnit's launcher with them set, and reports what its nodes were. The settings are system properties, which
 * every class of the JVM reads: this class runs alone ({@link Isolated}), while no other class starts nodes.
 */
@Tag("interop")
@Isolated("sets the run-wide system properties beamlink.otp and beamlink.dist, which every class's nodes read")
class RunWideSettingsTest {

    /** What the scenario saw: its erl node's release and distribution, its nodes' connections, its certificates. */
    private static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    static class Scenario {
        @Erl
        static ErlNode erl;

        @Beamlink
        static DistributedNode java;

        @Test
        void reports(Nodes nodes) {
            SEEN.add(erl.evalText("erlang:system_info(otp_release)."));
            SEEN.add(erl.evalText("init:get_argument(proto_dist)."));
            SEEN.add(java.node().nodes().contains(Atom.of(erl.nodeName())));
            DistributedNode later = nodes.beamlink("later");
            SEEN.add(later.ping(erl.nodeName()));
            ErlNode more = nodes.erl("more");
            SEEN.add(more.evalText("net_adm:ping('" + java.name().text() + "')."));
            SEEN.add(more.evalText("init:get_argument(proto_dist)."));
            SEEN.add(nodes.tls().directory());
        }
    }

    @Test
    void otp27OverTlsPutsTheNodesOfAClassWithoutOtpOnOtp27AndTls() {
        TestExecutionSummary summary = runWith(Map.of(OtpRelease.RUN_PROPERTY, "27", Distribution.RUN_PROPERTY, "tls"));
        assertEquals(List.of(), summary.getFailures().stream().map(f -> f.getException().toString()).toList());
        assertEquals(1, summary.getTestsSucceededCount());
        assertEquals(List.of("\"27\"", "{ok,[[\"inet_tls\"]]}", true, true, "pong", "{ok,[[\"inet_tls\"]]}"), SEEN.subList(0, 6),
                "OTP 27, TLS, and the beamlink nodes connected over it");
        assertFalse(Files.exists((Path) SEEN.get(6)), "the class's certificates are removed after it");
    }

    @Test
    void withoutThemTheNodesAreTheHostsAndPlainTcp() {
        TestExecutionSummary summary = runWith(Map.of());
        assertEquals(1, summary.getTestsSucceededCount(), summary.getFailures().toString());
        assertEquals(List.of("\"25\"", "error", true, true, "pong", "error"), SEEN.subList(0, 6));
    }

    @Test
    void aDistributionThatIsNeitherFailsSayingWhatItTakes() {
        String before = System.getProperty(Distribution.RUN_PROPERTY);
        try {
            System.setProperty(Distribution.RUN_PROPERTY, "quic");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Distribution::ofRun);
            assertEquals("-Dbeamlink.dist=quic (expected: tcp or tls)", e.getMessage());
        } finally {
            restore(Distribution.RUN_PROPERTY, before);
        }
        assertEquals(before, System.getProperty(Distribution.RUN_PROPERTY), "put back");
    }

    /** Runs {@link Scenario} with {@code properties} set, then puts the properties back as they were. */
    private static TestExecutionSummary runWith(Map<String, String> properties) {
        SEEN.clear();
        Map<String, String> before = new java.util.HashMap<>();
        for (String key : List.of(OtpRelease.RUN_PROPERTY, Distribution.RUN_PROPERTY)) {
            before.put(key, System.getProperty(key));
            System.clearProperty(key);
        }
        properties.forEach(System::setProperty);
        try {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Scenario.class))
                    .build(), listener);
            return listener.getSummary();
        } finally {
            before.forEach(RunWideSettingsTest::restore);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
