package dev.beamlink.interop.otp;

import static dev.beamlink.dist.ErlSide.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.ChildCounts;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.otp.Supervisor;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.ErlangEvalException;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A child on another node, under OTP's supervisor (an erl child of a supervisor on another erl node) and under ours (an
 * erl child of a Java supervisor), each driven by the same Erlang code: the node goes down, or the connection drops.
 * Each test has nodes of its own, so that no third node sees a connection drop (global would step in).
 */
@Tag("interop")
@ExtendWith(ErlangExtension.class)
class SupervisorRemoteChildInteropTest {

    /** The test's nodes, new for each test. */
    private Nodes nodes;

    @BeforeEach
    void newNodes(Nodes testNodes) {
        nodes = testNodes;
    }

    @Test
    void aChildWhoseNodeGoesDownIsACrashWhoseRestartsCannotReachItAndRunIntoTheIntensity() throws Exception {
        ErlNode driver = nodes.erl("sup_driver");
        Term otp = eval(driver, "supervisor_scenarios:remote_otp(node_down, node(), %s).",
                Atom.of(nodes.erl("sup_child_otp").nodeName()));

        ErlNode workerNode = nodes.erl("sup_child");
        DistributedNode java = nodes.beamlink("sup_java");
        Term ours = eval(driver, "supervisor_scenarios:node_down(%s, %s, %s).",
                startJava(driver, "node_down", workerNode, java).driverArgs());
        assertEquals(otp, ours, () -> "OTP's supervisor: " + otp + "\nours: " + ours);
        assertEquals(eval(driver, "{{sup_down, shutdown}, {[{started, w}], [{w, [noconnection]}]}}."), ours);
    }

    @Test
    void aChildWhoseConnectionDropsIsRestartedOnItsNodeOnceItCanBeReached() throws Exception {
        ErlNode otpWorkerNode = nodes.erl("sup_child_otp");
        Term otp = eval(otpWorkerNode, "supervisor_scenarios:remote_otp(node_disconnected, %s, node()).",
                Atom.of(nodes.erl("sup_otp").nodeName()));

        ErlNode workerNode = nodes.erl("sup_child");
        DistributedNode java = nodes.beamlink("sup_java");
        JavaSupervisor sup = startJava(workerNode, "node_disconnected", workerNode, java);
        Term ours = eval(workerNode, "supervisor_scenarios:node_disconnected(%s, %s, %s).", sup.driverArgs());
        assertEquals(otp, ours, () -> "OTP's supervisor: " + otp + "\nours: " + ours);
        assertEquals(eval(workerNode, "{{[{started, w}, {started, w}], [{w, [noconnection]}]}, [{w, true, worker}]}."), ours);
        assertEquals(Atom.of("shutdown"), ScenarioWorkers.stop(java.node(), sup.parent(), Atom.of("shutdown")));
    }

    @Test
    void countChildrenCountsAChildOnAnotherNodeWhereOtp25sSupervisorFails() throws Exception {
        ErlNode driver = nodes.erl("sup_driver");
        ErlNode workerNode = nodes.erl("sup_child");
        ErlangEvalException otp = assertThrows(ErlangEvalException.class, () -> eval(driver,
                "Rec = supervisor_scenarios:recorder(),"
                        + " {_, {ok, Sup}} = supervisor_scenarios:start_parent(supervisor_scenarios:config({node_down, %s}), Rec),"
                        + " supervisor:count_children(Sup).", Atom.of(workerNode.nodeName())));
        assertTrue(otp.getMessage().contains("is_process_alive"), otp::getMessage);

        DistributedNode java = nodes.beamlink("sup_java");
        JavaSupervisor sup = startJava(driver, "node_down", workerNode, java);
        try (Mailbox me = java.node().mailbox()) {
            assertEquals(new ChildCounts(1, 1, 0, 1), Supervisor.countChildren(me, ServerRef.of(sup.parent().supervisor())));
        }
        assertEquals(Atom.of("shutdown"), ScenarioWorkers.stop(java.node(), sup.parent(), Atom.of("shutdown")));
    }

    /** A Java supervisor of a scenario, and the recorder its child reports to. */
    private record JavaSupervisor(ScenarioWorkers.Parent parent, Pid rec) {
        /** {@return the arguments of a supervisor_scenarios driver: Sup, Parent, Rec} */
        Term[] driverArgs() {
            return new Term[] {parent.supervisor(), parent.pid(), rec};
        }
    }

    /** Starts a Java supervisor of {@code scenario}'s one child, on {@code workerNode}, reporting to a recorder on {@code driver}. */
    private static JavaSupervisor startJava(ErlNode driver, String scenario, ErlNode workerNode, DistributedNode java) throws Exception {
        Pid rec = (Pid) eval(driver, "supervisor_scenarios:recorder().");
        Term config = eval(driver, "supervisor_scenarios:config({%s, %s}).", Atom.of(scenario), Atom.of(workerNode.nodeName()));
        return new JavaSupervisor(ScenarioWorkers.startParent(java.node(), ScenarioWorkers.flags(config),
                ScenarioWorkers.children(config, rec), StartOptions.DEFAULTS), rec);
    }
}
