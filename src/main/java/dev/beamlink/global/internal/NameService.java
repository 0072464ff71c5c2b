package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.List;

/**
 * The server's name and lock operations: the calls every node's registrar and locker make on it
 * ({@code register}, {@code unregister}, {@code register_ext}, {@code set_lock}, {@code del_lock}), the operations
 * a connect brings ({@code do_ops/5}), and the end of a monitored process.
 */
final class NameService {

    private final ServerContext ctx;

    NameService(ServerContext ctx) {
        this.ctx = ctx;
    }

    /** {@return the answer to a call from {@code from}} */
    Term answer(Request request, Pid from) {
        return switch (request) {
            case Request.Register r -> {
                insert(r.entry(), null, from, null);
                yield GlobalTerms.YES;
            }
            case Request.Unregister u -> {
                ctx.names.delete(u.name(), ctx.self);
                yield Atom.OK;
            }
            case Request.RegisterExt r -> {
                insert(r.entry(), r.regNode(), from, null);
                yield GlobalTerms.YES;
            }
            case Request.SetLock s -> Atom.of(ctx.locks.set(s.lock(), from, ctx.self));
            case Request.DelLock d -> {
                ctx.locks.delete(d.lock(), from, ctx.self);
                yield Atom.TRUE;
            }
            case Request.Query q -> query(q.what());
        };
    }

    private Term query(Atom what) {
        return switch (what.text()) {
            case "get_known" -> ctx.partition.knownList(0);
            case "get_synced" -> ErlList.from(ctx.partition.synced());
            case "get_protocol_version" -> Int.of(Partition.VSN);
            default -> ErlList.from(ctx.names.externalNames().stream().map(ExtName::toTerm).toList());
        };
    }

    /** A monitor fired: the process held a lock or a name here, or both ({@code handle_info({'DOWN', ...})}). */
    void down(Ref monitor) {
        ctx.locks.down(monitor, ctx.self);
        ctx.names.down(monitor, ctx.self);
    }

    /**
     * Applies the operations of a connect ({@code do_ops/5}): inserts (of external names among them with their
     * registering node) and deletes. {@code connNode} made the connect under {@code lock}.
     */
    void apply(List<NameOp> ops, Atom connNode, List<ExtName> namesExt, Term lock) {
        for (NameOp op : ops) {
            if (op instanceof NameOp.Insert insert) {
                NameEntry entry = insert.entry();
                Atom regNode = namesExt.stream()
                        .filter(x -> x.name().equals(entry.name()) && x.pid().equals(entry.pid()))
                        .map(ExtName::regNode).findFirst().orElse(null);
                insert(entry, regNode, connNode, lock);
            }
        }
        for (NameOp op : ops) {
            if (op instanceof NameOp.Delete delete) {
                ctx.names.delete(delete.name(), ctx.self);
            }
        }
    }

    /**
     * {@code ins_name/6} and {@code insert_global_name/6}: registers, then takes the name back out if the lock it
     * was registered under is gone, which happens when the node that took it went down and came back meanwhile.
     * {@code from} is the registering process, or the node that made a connect; {@code lock} the connect's lock.
     */
    private void insert(NameEntry entry, Atom regNode, Object from, Term lock) {
        if (regNode != null) {
            ctx.names.insertExternal(entry, regNode, ctx.self);
        } else {
            ctx.names.insert(entry, ctx.self);
        }
        if (!lockStillSet(from, lock)) {
            ctx.names.delete(entry.name(), ctx.self);
        }
    }

    /** {@code lock_still_set/3}. */
    private boolean lockStillSet(Object from, Term lock) {
        LockTable.Lock global = ctx.locks.globalLock();
        if (global == null) {
            return !ctx.locks.globalLockDown();
        }
        if (from instanceof Pid pid) {
            return global.holders().stream().anyMatch(h -> h.pid().equals(pid));
        }
        // A connect's lock is {global, LockRequesterId}: it must be the one our partition is locked for.
        return lock instanceof Tuple t && t.size() == 2 && t.get(0).equals(GlobalTerms.GLOBAL)
                && t.get(1).equals(global.requester());
    }
}
