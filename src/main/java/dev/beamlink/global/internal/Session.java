package dev.beamlink.global.internal;

import dev.beamlink.etf.Term;
import java.util.List;

/**
 * What the server remembers about its connect session with one node: global.erl keeps it in the process
 * dictionary ({@code sync_tag_my}, {@code sync_tag_his}, {@code prot_vsn}, {@code wait_lock}, {@code save_ops},
 * {@code pre_connect}, {@code lock_id}) and erases it all with {@code reset_node_state/1}.
 */
final class Session {

    /** Our tag of the session ({@code sync_tag_my}). */
    Term myTag;
    /** The other node's tag ({@code sync_tag_his}). */
    Term hisTag;
    /** The protocol version spoken in this session, the lower of both ({@code prot_vsn}). */
    Term protVsn;
    /** Our locker holds the lock ({@code wait_lock = lock_is_set}). */
    boolean lockIsSet;
    /** His names arrived before our lock was set ({@code wait_lock = {exchange, NameList}}), else null. */
    List<NameEntry> earlyExchange;
    /** Our resolver's operations, once it is done ({@code save_ops = [Op]}), else null. */
    List<NameOp> ops;
    /** His {@code resolved}, when it came before our resolver was done ({@code save_ops = {resolved, ...}}), else null. */
    Inbound.Resolved earlyResolved;
    /** An {@code init_connect} that came before the node's nodeup ({@code pre_connect}), else null. */
    Inbound.InitConnect preConnect;
    /** The lock our partition is locked under ({@code lock_id}). */
    LockId lock;
}
