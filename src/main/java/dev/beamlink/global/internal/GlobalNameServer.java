package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.NodeDown;
import dev.beamlink.node.NodeUp;
import dev.beamlink.node.ProcessBody;
import dev.beamlink.otp.GenCall;
import dev.beamlink.otp.internal.Printed;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's {@code global_name_server}: it reads each message (a cast, a call, a plain message from another
 * node, or an event of this node's own parts) and hands it to the part that deals with it: the connect protocol
 * ({@link ConnectProtocol}), the name and lock tables ({@link NameService}), or the overlapping-partitions guard
 * ({@link OverlapGuard}). A malformed or unexpected message is logged and dropped; nothing a peer sends stops it.
 *
 * <p>It starts its locker and registrar, linked to it, and registers its name. The tables it keeps outlive it: a
 * server started again (by the node's kernel supervisor, after an end of any of the three) monitors again every
 * process that holds a name or a lock, and syncs with every visible node it is not in sync with, whose sessions were
 * lost with the old server.
 */
final class GlobalNameServer implements ProcessBody {

    private static final Logger LOG = LoggerFactory.getLogger(GlobalNameServer.class);

    private final GlobalTables tables;
    private final Cluster cluster;
    private final boolean hidden;
    private final CompletableFuture<GlobalProcesses> started;
    private final Consumer<GlobalProcesses> running;
    private ServerContext ctx;
    private NameService nameService;
    private OverlapGuard guard;
    private SyncWaiters syncers;
    private ConnectProtocol connect;

    /**
     * @param hidden  whether this node is hidden: a hidden node takes no part in global's protocol
     * @param started completed with the three processes once the server is registered and monitors the visible nodes
     *                (net_kernel:monitor_nodes/1), or with what kept it from getting there
     * @param running told the three processes before the server takes its name, so that whoever finds the name
     *                registered again (after a restart) also finds the new processes to send its changes to
     */
    GlobalNameServer(GlobalTables tables, Cluster cluster, boolean hidden, CompletableFuture<GlobalProcesses> started,
            Consumer<GlobalProcesses> running) {
        this.tables = tables;
        this.cluster = cluster;
        this.hidden = hidden;
        this.started = started;
        this.running = running;
    }

    @Override
    public void run(Mailbox self) {
        try {
            Pid locker = self.spawnLink(new Locker(tables.locks()));
            Pid registrar = self.spawnLink(new Registrar(tables.locks(), tables.partition()));
            GlobalProcesses processes = new GlobalProcesses(self.self(), locker, registrar);
            running.accept(processes);
            self.register(GlobalTerms.GLOBAL_NAME_SERVER);
            if (!hidden) {
                self.monitorNodes(true);
            }
            ctx = new ServerContext(self, tables, locker, cluster);
            nameService = new NameService(ctx);
            guard = new OverlapGuard(ctx);
            syncers = new SyncWaiters();
            connect = new ConnectProtocol(ctx, nameService, guard, syncers);
            resume();
            started.complete(processes);
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(e);
            throw e;
        }
        while (true) {
            Object message = self.receive();
            LOG.debug("global_name_server at {} received {}", ctx.node, Printed.of(message));
            try {
                dispatch(message);
            } catch (GlobalTerms.MalformedMessage e) {
                LOG.warn("global_name_server at {} dropped a malformed message: {}", ctx.node, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("global_name_server at {} failed on a message: dropped", ctx.node, e);
            }
        }
    }

    /**
     * Takes over the tables as an earlier server left them (nothing to do for the first one): monitors again every
     * process holding a name or a lock (one that ended meanwhile is found so at once), forgets the connect sessions
     * that were on, and syncs with each visible node it is not in sync with.
     */
    private void resume() {
        tables.names().monitorAgain(ctx.self);
        tables.locks().monitorAgain(ctx.self);
        tables.partition().clearPending();
        for (Atom node : cluster.visibleNodes()) {
            if (!tables.partition().synced().contains(node)) {
                connect.nodeUp(node);
            }
        }
    }

    private void dispatch(Object message) {
        switch (message) {
            case ServerEvent event -> event(event);
            case NodeUp up -> connect.nodeUp(up.node());
            case NodeDown down -> {
                connect.nodeDown(down.node(), ConnectProtocol.Leaving.DISCONNECTED);
                if (cluster.isConnected(down.node())) {
                    // A new connection's nodeup may have overtaken the old one's nodedown: connect anew.
                    connect.nodeUp(down.node());
                }
            }
            case Inbound.InitConnect early -> connect.initConnect(early); // one that came before its nodeup
            case Down down -> nameService.down(down.ref());
            case Tuple t when t.isTagged(GlobalTerms.GEN_CAST, 2) -> cast(InboundParser.cast(t.get(1)));
            case Tuple t -> {
                Optional<GenCall> call = GenCall.of(t);
                if (call.isPresent()) {
                    call(call.get());
                } else {
                    info(InboundParser.info(t));
                }
            }
            default -> LOG.warn("global_name_server at {} received an unexpected message: {}", ctx.node, Printed.of(message));
        }
    }

    private void event(ServerEvent event) {
        switch (event) {
            case ServerEvent.ExtraNodeDown down -> connect.nodeDown(down.node(), ConnectProtocol.Leaving.DISCONNECTED);
            case ServerEvent.LockIsSet set -> connect.lockIsSet(set);
            case ServerEvent.ExchangeOps ops -> connect.exchangeOps(ops);
            case ServerEvent.Sync sync -> syncers.add(connect.unsynced(cluster.visibleNodes()), sync.done());
        }
    }

    private void cast(Inbound message) {
        switch (message) {
            case Inbound.InitConnect m -> connect.initConnect(m);
            case Inbound.Exchange m -> connect.exchange(m);
            case Inbound.Resolved m -> connect.resolvedFromPeer(m);
            case Inbound.NewNodes m -> connect.newNodes(m);
            case Inbound.InSync m -> connect.inSync(m);
            case Inbound.LockSet m -> {
                // Passed on to our locker when it belongs to the session on now (the tagged form, vsn 8).
                if (m.tag() == null || m.tag().equals(connect.myTag(m.locker().node()))) {
                    ctx.tellLocker(new LockerEvent.LockSetFrom(m.locker().node(), m));
                }
            }
            case Inbound.Obsolete m -> LOG.debug("global_name_server at {}: {} ignored (monitors do it)", ctx.node, m.what());
            default -> LOG.warn("global_name_server at {} received an unexpected cast: {}", ctx.node, Printed.of(message));
        }
    }

    private void info(Inbound message) {
        switch (message) {
            case Inbound.InitConnectAck m -> connect.initConnectAck(m);
            case Inbound.CancelConnect m -> connect.cancelConnect(m);
            case Inbound.LostConnection m -> removed(guard.lostConnection(m));
            case Inbound.RemoveConnection m -> removed(guard.removeConnection(m));
            default -> LOG.warn("global_name_server at {} received an unexpected message: {}", ctx.node, Printed.of(message));
        }
    }

    private void removed(Atom node) {
        if (node != null) {
            connect.nodeDown(node, ConnectProtocol.Leaving.REMOVE_CONNECTION);
        }
    }

    private void call(GenCall call) {
        Request request;
        try {
            if (!(call.request() instanceof Term term)) {
                throw new GlobalTerms.MalformedMessage("a request that is no term: " + Printed.of(call.request()));
            }
            request = Request.of(term);
        } catch (GlobalTerms.MalformedMessage e) {
            LOG.warn("The global_name_server at {} received an unexpected call {} from {}: not answered", ctx.node,
                    Printed.of(call.request()), call.from().pid());
            return;
        }
        Term reply = nameService.answer(request, call.from().pid());
        call.from().reply(ctx.self, reply);
    }
}
