package dev.beamlink.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Child specs, supervisor flags and reports: OTP's defaults and terms, and clear errors for what OTP would refuse. */
class ChildSpecTest {

    private static final Atom NODE = Atom.of("erl@localhost");
    private static final ChildStart REMOTE = ChildStart.remote(NODE, Atom.of("pinger"), Atom.of("loop"), List.of(Int.of(1)));

    @Test
    void aWorkerHasOtpsDefaultsAndIsWrittenAsGetChildspecWritesIt() {
        ChildSpec spec = ChildSpec.worker(Atom.of("p"), REMOTE);
        ErlMap expected = new ErlMap(Map.of(Atom.of("id"), Atom.of("p"),
                Atom.of("start"), Tuple.of(Atom.of("erlang"), Atom.of("spawn_link"),
                        ErlList.of(NODE, Atom.of("pinger"), Atom.of("loop"), ErlList.of(Int.of(1)))),
                Atom.of("restart"), Atom.of("permanent"), Atom.of("significant"), Atom.FALSE, Atom.of("shutdown"), Int.of(5000),
                Atom.of("type"), Atom.of("worker"), Atom.of("modules"), ErlList.of(Atom.of("pinger"))));
        assertEquals(expected, spec.toTerm());
        assertEquals(ChildSpec.Shutdown.INFINITY, ChildSpec.supervisor(Atom.of("s"), REMOTE).shutdown());
    }

    @Test
    void aSpecFromErlangReadsBackAsTheSameSpec() throws Exception {
        ChildSpec spec = ChildSpec.worker(Atom.of("p"), REMOTE).withRestart(ChildSpec.Restart.TRANSIENT)
                .withShutdown(ChildSpec.Shutdown.BRUTAL_KILL).withModules(Atom.of("dynamic"));
        assertEquals(spec, ChildSpecReader.read(spec.toTerm()));
        Tuple tuple = Tuple.of(Atom.of("p"), REMOTE.toTerm(), Atom.of("transient"), Atom.of("brutal_kill"), Atom.of("worker"),
                Atom.of("dynamic"));
        assertEquals(spec, ChildSpecReader.read(tuple), "the 6-tuple form");
    }

    @Test
    void whatOtpWouldRefuseIsRefusedWithNumbers() {
        assertEquals("a negative shutdown time: PT-0.001S",
                assertThrows(IllegalArgumentException.class, () -> ChildSpec.Shutdown.after(Duration.ofMillis(-1))).getMessage());
        assertEquals("a shutdown time is whole milliseconds, not PT0.0000015S",
                assertThrows(IllegalArgumentException.class, () -> ChildSpec.Shutdown.after(Duration.ofNanos(1500))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChildSpec.worker(Atom.of("p"), REMOTE).withModules(Int.of(1)));
        assertEquals("intensity: -1 (expected: >= 0)",
                assertThrows(IllegalArgumentException.class, () -> SupervisorFlags.DEFAULTS.withIntensity(-1, 5)).getMessage());
        assertEquals("period: 0 seconds (expected: > 0)",
                assertThrows(IllegalArgumentException.class, () -> SupervisorFlags.DEFAULTS.withIntensity(1, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChildStart.java("x".repeat(256), sup -> null), "a name is an atom");
    }

    @Test
    void aSupervisorReportHasOtpsFields() {
        Pid pid = new Pid(NODE, 7, 0, 1);
        SupervisorChild child = new SupervisorChild(ChildSpec.worker(Atom.of("p"), REMOTE), pid, false);
        Term name = Tuple.of(Atom.of("local"), Atom.of("sup"));
        assertEquals("""
                SUPERVISOR REPORT
                    supervisor: {local,sup}
                    errorContext: shutdown
                    reason: reached_max_restart_intensity
                    offender: [{pid,<erl@localhost.7.0>},{id,p},{mfargs,{erlang,spawn_link,[erl@localhost,pinger,loop,[1]]}},\
                {restart_type,permanent},{significant,false},{shutdown,5000},{child_type,worker}]""",
                SupervisorReports.errorText(name, SupervisorReports.SHUTDOWN, SupervisorReports.REACHED_MAX_RESTART_INTENSITY, child));
    }
}
