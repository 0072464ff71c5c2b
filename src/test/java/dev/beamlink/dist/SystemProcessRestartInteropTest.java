package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.tls.LogCapture;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Reasons;
import dev.beamlink.otp.kernel.IoServer;
import dev.beamlink.otp.kernel.KernelSupervisor;
import dev.beamlink.otp.kernel.NetKernel;
import dev.beamlink.testing.Await;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The node supervises its own system processes (issue 14, item 3): each test kills one from a live erl with
 * {@code exit(Pid, kill)}, the one signal no process can trap, and checks that a new process took its registered name,
 * does its job for erl, and that the end was logged at level error.
 */
@Tag("interop")
@PlainTcp
class SystemProcessRestartInteropTest extends WireFixture {

    private static final Atom GLOBAL_NAME_SERVER = Atom.of("global_name_server");

    private LogCapture log;

    @BeforeAll
    void captureAndConnect() {
        log = new LogCapture();
        erl.eval("pg:start(pg), ok.");
        assertTrue(java.ping(erlNode()));
        assertEquals(Atom.OK, erl.eval("global:sync()."));
    }

    @AfterAll
    void release() {
        log.close();
    }

    private Pid whereis(Atom name) {
        return java.node().whereis(name).orElseThrow(() -> new AssertionError(name + " is not registered"));
    }

    /** Kills {@code before} from erl; {@return the process registered as {@code name} in its place} */
    private Pid killFromErl(Pid before, Atom name) {
        erl.eval("exit(%s, kill).", before);
        Await.until(name + " registered again", () -> java.node().whereis(name).filter(pid -> !pid.equals(before))
                .isPresent());
        Pid after = whereis(name);
        assertNotEquals(before, after);
        return after;
    }

    private Pid killFromErl(Atom name) {
        return killFromErl(whereis(name), name);
    }

    /** The kernel supervisor's {@code SUPERVISOR REPORT}, at level error, of its child {@code id} killed. */
    private void assertSupervisorReport(String id) {
        Await.until(() -> "a SUPERVISOR REPORT of " + id + " killed in " + log.lines(), () -> {
            List<String> lines = log.lines();
            for (int i = 0; i + 4 < lines.size(); i++) {
                if (lines.get(i).contains("ERROR dev.beamlink.otp.Supervisor - SUPERVISOR REPORT")
                        && lines.get(i + 1).contains("supervisor: {local,kernel_sup}")
                        && lines.get(i + 2).contains("errorContext: child_terminated")
                        && lines.get(i + 3).contains("reason: killed")
                        && lines.get(i + 4).contains("{id," + id + "}")) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The keeper's error of {@code what} ended with {@code killed}. */
    private void assertKeeperReport(String what) {
        assertNotNull(log.awaitLine(PATIENCE, "ERROR dev.beamlink.otp.kernel.ProcessKeeper - " + what + " on "
                + java.name().text() + " ended with killed: started again"), "the keeper's error in " + log.lines());
    }

    @Test
    void netKernelKilledIsStartedAgainAndAnswersPings() {
        killFromErl(NetKernel.NAME);
        assertEquals(Atom.of("pong"), erl.eval("net_adm:ping(%s).", java.name()));
        assertSupervisorReport("net_kernel");
    }

    @Test
    void rexKilledIsStartedAgainAndRunsRpcs() {
        killFromErl(Atom.of("rex"));
        assertEquals(java.name(), erl.eval("rpc:block_call(%s, erlang, node, []).", java.name()));
        assertEquals(java.name(), erl.eval("gen_server:call({rex, %s}, {call, erlang, node, [], group_leader()}).",
                java.name()));
        assertKeeperReport("rex");
    }

    @Test
    void pgKilledIsStartedAgainAndTakesJoins() {
        killFromErl(Atom.of("pg"));
        Atom group = Atom.of("after_the_kill");
        Mailbox member = mailbox();
        java.pg().join(group, member.self());
        Await.until("erl sees the member", () -> erl.eval("pg:get_members(%s).", group).equals(ErlList.of(member.self())));
        assertKeeperReport("pg scope pg");
    }

    @Test
    void globalKilledIsStartedAgainWithItsNames() {
        Mailbox before = mailbox();
        assertTrue(java.global().register(Atom.of("before_the_kill"), before.self()));
        assertEquals(before.self(), ErlGlobal.awaitWhereis(erl.node(), "before_the_kill", ErlSide.literal(before.self())));
        killFromErl(GLOBAL_NAME_SERVER);
        assertEquals(before.self(), erl.eval("global:whereis_name(before_the_kill)."));
        assertEquals(before.self(), java.global().whereis(Atom.of("before_the_kill")).orElseThrow());
        Mailbox after = mailbox();
        assertTrue(java.global().register(Atom.of("after_the_kill"), after.self()), "the new registrar works");
        assertEquals(after.self(), ErlGlobal.awaitWhereis(erl.node(), "after_the_kill", ErlSide.literal(after.self())));
        Pid holder = erl.probe(false);
        assertEquals(Atom.of("yes"), erl.call(holder, "global:register_name(erl_after_the_kill, self())"));
        Await.until("Java sees erl's name", () -> java.global().whereis(Atom.of("erl_after_the_kill")).isPresent());
        assertEquals(holder, java.global().whereis(Atom.of("erl_after_the_kill")).orElseThrow());
        assertSupervisorReport("global_name_server");
    }

    @Test
    void theIoServerKilledIsStartedAgainAndIsTheGroupLeaderOfWhatJavaSpawnsOnErl() {
        Pid user = killFromErl(IoServer.NAME);
        assertEquals(Tuple.of(Atom.of("reply"), Atom.OK), erl.eval("hostile_input:io_request({user, %s}, "
                + "{put_chars, unicode, \"after the kill\"}, 20000).", java.name()));
        Mailbox parent = mailbox();
        parent.trapExit(true);
        Pid printer = parent.spawnLink(erlNode(), Atom.of("io"), Atom.of("format"),
                List.of(ErlList.ofString("printed after the kill~n")));
        assertEquals(new Exit(printer, Reasons.NORMAL), parent.receive(PATIENCE).orElseThrow(), "io:format on erl "
                + "returned: its group leader is the new I/O server " + user + " (the old one's end is an error there)");
        assertSupervisorReport("user");
    }

    @Test
    void theKernelSupervisorKilledIsStartedAgainWithEveryChild() {
        Pid netKernel = whereis(NetKernel.NAME);
        Pid user = whereis(IoServer.NAME);
        killFromErl(KernelSupervisor.NAME);
        Await.until("net_kernel and user started again", () -> java.node().whereis(NetKernel.NAME)
                .filter(pid -> !pid.equals(netKernel)).isPresent() && java.node().whereis(IoServer.NAME)
                .filter(pid -> !pid.equals(user)).isPresent());
        assertEquals(Atom.of("pong"), erl.eval("net_adm:ping(%s).", java.name()));
        assertEquals(3, ((ErlList) erl.eval("supervisor:which_children({kernel_sup, %s}).", java.name()))
                .elements().size());
        assertKeeperReport("kernel_sup");
    }

    @Test
    void theKernelSupervisorsKeeperKilledGivesWayToAnother() {
        Pid supervisor = whereis(KernelSupervisor.NAME);
        List<Pid> children = List.of(whereis(NetKernel.NAME), whereis(IoServer.NAME), whereis(GLOBAL_NAME_SERVER));
        List<Pid> keeper = java.node().processInfo(supervisor).orElseThrow().links().stream()
                .filter(pid -> !children.contains(pid)).toList();
        assertEquals(1, keeper.size(), "the supervisor's parent, the keeper's mailbox");
        erl.eval("exit(%s, kill).", keeper.getFirst());
        Await.until("kernel_sup started again", () -> java.node().whereis(KernelSupervisor.NAME)
                .filter(pid -> !pid.equals(supervisor)).isPresent());
        assertNotNull(log.awaitLine(PATIENCE, "ERROR dev.beamlink.otp.kernel.ProcessKeeper - the keeper of kernel_sup on "
                + java.name().text() + " was ended with killed: another keeps it"), "the keeper's error in " + log.lines());
        assertEquals(Atom.of("pong"), erl.eval("net_adm:ping(%s).", java.name()));
    }
}
