package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.kernel.IoServer;
import dev.beamlink.otp.kernel.KernelSupervisor;
import dev.beamlink.otp.kernel.NetKernel;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The node's system processes take whatever a live erl sends them and live on (issue 14, item 3): each test sends a
 * process the barrage of {@code hostile_input.erl} (terms nested 50,000 deep, calls and sys requests with such tags,
 * I/O requests with code points that do not exist, global's and pg's messages of every wrong shape), then checks that
 * the process is the same one as before and still does its job.
 */
@Tag("interop")
@PlainTcp
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemProcessesInteropTest {

    /** How deep the nested terms of the measured cases are: the call tag that ended net_kernel was 200,000 deep. */
    private static final int DEEP = 200_000;
    /**
     * How deep the barrage's terms are: 36 messages to each process, so shallower, and still deeper than a thread's
     * stack (1 MiB by default) would take a recursion over them (a frame a level).
     */
    private static final int BARRAGE_DEEP = 50_000;

    private Epmd epmd;
    private ErlNode erl;
    private DistributedNode java;
    private String javaNode;

    @BeforeAll
    void start() {
        epmd = Epmd.start();
        erl = ErlNode.builder().name("hostile").cookie(JavaNodes.COOKIE).epmd(epmd).start();
        java = JavaNodes.start(JavaNodes.builder("system", epmd));
        javaNode = java.name().text();
        assertEquals("pong", ping());
        assertEquals("ok", erl.evalText("global:sync()."));
    }

    @AfterAll
    void stop() {
        java.close();
        erl.close();
        epmd.close();
    }

    private String ping() {
        return erl.evalText("net_adm:ping('" + javaNode + "').");
    }

    private Pid whereis(Atom name) {
        return java.node().whereis(name).orElseThrow(() -> new AssertionError(name + " is not registered"));
    }

    /** Sends the barrage to {@code target} (an Erlang expression) from erl; {@return how many messages went} */
    private int barrage(String target) {
        return Integer.parseInt(erl.evalText("hostile_input:barrage(" + target + ", " + BARRAGE_DEEP + ")."));
    }

    /** Sends the barrage to the process registered as {@code name} on the Java node; it is the same process after. */
    private Pid barrageByName(Atom name) {
        Pid before = whereis(name);
        assertTrue(barrage("{'" + name.text() + "', '" + javaNode + "'}") > 30);
        return before;
    }

    /** {@code sys:get_status/1} answers only once the process has read every message sent to it before. */
    private void awaitServed(Atom name) {
        String status = erl.evalText("element(1, sys:get_status({'" + name.text() + "', '" + javaNode + "'}, 60000)).");
        assertEquals("status", status);
    }

    /**
     * Measured: one call to net_kernel whose tag is a 200,000-deep {@code [alias|Ref]} ended it for good, and every
     * later ping was pang. Each shape of deep tag is answered, and net_kernel is the same process afterwards.
     */
    @Test
    void netKernelAnswersCallsWithDeepTagsAndLivesOn() {
        Pid before = whereis(NetKernel.NAME);
        String replies = erl.evalText("""
                (fun() ->
                    NetKernel = {net_kernel, '%s'},
                    Seq = lists:seq(1, %d),
                    Tags = [lists:foldl(fun(_, T) -> [T | x] end, [alias | make_ref()], Seq),
                            lists:foldl(fun(_, T) -> [alias, T] end, [alias | make_ref()], Seq),
                            lists:foldl(fun(_, T) -> [alias | T] end, make_ref(), Seq),
                            lists:foldl(fun(_, T) -> {T} end, make_ref(), Seq)],
                    [begin
                         NetKernel ! {'$gen_call', {self(), Tag}, {is_auth, node()}},
                         receive {Tag, Answer} -> Answer after 5000 -> no_answer end
                     end || Tag <- Tags]
                end)().""".formatted(javaNode, DEEP));
        assertEquals("[yes,yes,yes,yes]", replies);
        assertEquals("pong", ping());
        assertEquals(before, whereis(NetKernel.NAME), "net_kernel did not end");
    }

    @Test
    void netKernelLivesThroughTheBarrage() {
        Pid before = barrageByName(NetKernel.NAME);
        awaitServed(NetKernel.NAME);
        assertEquals("pong", ping());
        assertEquals(before, whereis(NetKernel.NAME));
        assertEquals("refused", erl.evalText("case catch sys:replace_state({net_kernel, '" + javaNode + "'}, "
                + "fun(_) -> {a, tuple} end) of {'EXIT', {{callback_failed, _, {error, badarg}}, _}} -> refused; "
                + "Other -> Other end."), "net_kernel's state stays an atom");
        assertEquals("pong", ping());
    }

    @Test
    void theIoServerAnswersWhatOtpsAnswersAndLivesOn() {
        Pid before = barrageByName(IoServer.NAME);
        String user = "{user, '" + javaNode + "'}";
        assertEquals("{reply,ok}", erl.evalText("hostile_input:io_request(" + user + ", {put_chars, unicode, \"ok\"}, 20000)."));
        assertEquals(before, whereis(IoServer.NAME));
        assertEquals("true", erl.evalText("hostile_input:io_request(" + user + ", {put_chars, unicode, "
                + "hostile_input:invalid_chars()}, 20000) =:= {reply, {error, {put_chars, unicode, "
                + "hostile_input:invalid_chars()}}}."), "code points that do not exist, as group.erl answers them");
        assertEquals("{reply,{error,{put_chars,unicode,[55296]}}}",
                erl.evalText("hostile_input:io_request(" + user + ", {put_chars, unicode, [16#D800]}, 20000)."),
                "a surrogate is no character");
        assertEquals("true", erl.evalText("hostile_input:io_request(" + user + ", {put_chars, unicode, <<255>>}, 20000) "
                + "=:= {reply, {error, {put_chars, unicode, <<255>>}}}."), "a binary that is not UTF-8");
        assertEquals("{reply,ok}", erl.evalText("hostile_input:io_request(" + user + ", "
                + "hostile_input:deep_requests(" + DEEP + "), 20000)."));
        assertEquals("{reply,{error,enotsup}}",
                erl.evalText("hostile_input:io_request(" + user + ", {get_line, unicode, \"> \"}, 20000)."));
        assertEquals("{reply,{error,request}}", erl.evalText("hostile_input:io_request(" + user + ", what, 20000)."));
        assertEquals(before, whereis(IoServer.NAME));
    }

    /** {@return the processes {@code global_name_server} is linked to but its supervisor: its locker and registrar} */
    private List<Pid> globalHelpers(Pid server) {
        Pid supervisor = whereis(KernelSupervisor.NAME);
        return java.node().processInfo(server).orElseThrow().links().stream().filter(pid -> !pid.equals(supervisor)).toList();
    }

    @Test
    void globalsProcessesLiveThroughTheBarrage() {
        Pid server = barrageByName(Atom.of("global_name_server"));
        List<Pid> helpers = globalHelpers(server);
        assertEquals(2, helpers.size(), "the locker and the registrar");
        for (Pid helper : helpers) {
            assertTrue(barrage(ErlSide.literal(helper)) > 30);
        }
        Await.until("global's processes read the barrage", () -> java.node().processInfo(server).orElseThrow()
                .messageQueueLength() == 0 && helpers.stream().allMatch(helper ->
                java.node().processInfo(helper).orElseThrow().messageQueueLength() == 0));
        try (Mailbox holder = java.node().mailbox()) {
            assertTrue(java.global().register(Atom.of("after_the_barrage"), holder.self()), "the registrar works");
            assertEquals(holder.self(), ErlGlobal.awaitWhereis(erl, "after_the_barrage", ErlSide.literal(holder.self())));
        }
        assertEquals(server, whereis(Atom.of("global_name_server")));
        assertEquals(helpers, globalHelpers(server), "the same locker and registrar");
    }

    @Test
    void rexPgAndTheKernelSupervisorLiveThroughTheBarrage() {
        for (Atom name : List.of(Atom.of("rex"), Atom.of("pg"), KernelSupervisor.NAME)) {
            Pid before = barrageByName(name);
            awaitServed(name);
            assertEquals(before, whereis(name), name + " did not end");
        }
        assertEquals("true", erl.evalText("rpc:call('" + javaNode + "', erlang, node, []) =:= '" + javaNode + "'."));
        assertEquals("3", erl.evalText("length(supervisor:which_children({kernel_sup, '" + javaNode + "'}))."),
                "net_kernel, user and global_name_server");
    }

    /**
     * rex and the spawn handler take calls whose arguments are nested 200,000 deep: each is answered, {@code badarg} by
     * a built-in function, {@code undef} for a function the node does not export ({@code erlang:node/1}); rex is the
     * same process afterwards, and the node still runs calls.
     */
    @Test
    void rexAndTheSpawnHandlerAnswerCallsWithDeepArguments() {
        Pid rex = whereis(Atom.of("rex"));
        String answers = erl.evalText("""
                (fun() ->
                    J = '%s',
                    Deep = hostile_input:deep_list(%d),
                    Kind = fun({badrpc, {'EXIT', {Reason, _}}}) -> Reason; ({badrpc, {'EXIT', Reason}}) -> Reason;
                              ({'EXIT', {{exception, Reason, _}, _}}) -> Reason; (Other) -> Other end,
                    [Kind(rpc:block_call(J, erlang, is_process_alive, [Deep])),
                     Kind(catch erpc:call(J, erlang, whereis, [Deep])),
                     Kind(rpc:call(J, no_such_module, f, [Deep])),
                     Kind(gen_server:call({rex, J}, {call, erlang, node, Deep, group_leader()})),
                     Kind(catch erpc:call(J, erlang, apply, [erlang, node, Deep])),
                     rpc:block_call(J, erlang, node, []) =:= J,
                     erpc:call(J, erlang, node, []) =:= J]
                end)().""".formatted(javaNode, DEEP));
        assertEquals("[badarg,badarg,undef,undef,undef,true,true]", answers);
        assertEquals(rex, whereis(Atom.of("rex")), "rex did not end");
    }
}
