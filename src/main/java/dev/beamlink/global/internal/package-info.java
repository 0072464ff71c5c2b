/**
 * OTP's {@code global} on a beamlink node: global names replicated on every node of the cluster, global locks,
 * and the connect protocol that keeps both consistent and the cluster fully connected (OTP's global.erl). A
 * published {@link dev.beamlink.dist.DistributedNode} starts it; {@link dev.beamlink.global.Global} is the
 * Java API.
 *
 * <h2>Processes</h2>
 * As in OTP: {@code global_name_server} (registered under that name; {@code GlobalNameServer}) owns the name and
 * lock tables and speaks the protocol; the locker ({@code Locker}) locks our partition when a node connects; the
 * registrar ({@code Registrar}) makes this node's registrations under global's lock; one resolver per connect
 * compares the two partitions' names; one short-lived process per new node connects to it and says
 * {@code in_sync}. The server never waits on another node; a malformed or unexpected message is logged and dropped.
 *
 * <h2>Connect (nodeup of a visible node B)</h2>
 * <ol>
 *   <li>Both servers cast {@code {init_connect, {Vsn, Tag}, Node, {locker, _, Known, Locker}}}; each answers with
 *       {@code init_connect_ack} (vsn 8) and hands the other's locker and tag to its own locker.</li>
 *   <li>Each locker sets {@code {global, lists:sort([LockerA, LockerB])}} on its partition's boss (the greatest node
 *       name), then on itself and the other node, then on the rest of its partition, with {@code {set_lock, Id}}
 *       calls; the lockers tell each other through the servers ({@code {lock_set, Locker, true, Known, Tag}}).</li>
 *   <li>Locked on both sides: each server sends its names ({@code exchange}); each resolver inserts the new names,
 *       and for a clash the node with the smaller name runs the name's method (global's own methods run here
 *       natively; another fun through the process node's {@code rex}); each sends the clashes it resolved and its
 *       partition ({@code resolved}).</li>
 *   <li>Both lists here: the operations are applied, the other partition's nodes get {@code in_sync} (connecting to
 *       them), and the locker casts {@code new_nodes} to our partition before it releases the lock. {@code global:sync()}
 *       waits for these steps.</li>
 * </ol>
 * Every step carries the session's tag: a message of an older session cancels it ({@code cancel_connect}, vsn 8),
 * and the session starts over.
 *
 * <h2>Names and locks</h2>
 * {@code global:register_name/2} on erl, and {@link dev.beamlink.global.Global#register} here, take
 * {@code {global, Registrar}} on every known node (the boss first), call {@code {register, Name, Pid, Method}} on
 * each, and release the lock. Every node monitors every registered process: its end removes the name on each node.
 * {@code {set_lock, {Resource, Requester}}} is granted when the resource is free or locked for the same requester;
 * the holder is monitored, and its end, or {@code del_lock}, releases its hold.
 *
 * <h2>Node loss</h2>
 * A lost connection fires the monitors of the node's processes (their names and locks go here), ends the session,
 * and is reported to every known node ({@code lost_connection}, vsn 7): a node that hears of it asks the lost node
 * to disconnect ({@code remove_connection}), so that the partitions stay fully connected ("prevent overlapping
 * partitions", on by default since OTP 25). Stopping the node stops global first, so its own end is not reported.
 *
 * <h2>Versions</h2>
 * This node speaks global's protocol version 8, that of OTP 25 (kernel 8.5) and still of the newer global.erl read
 * for this work (the OTP 27 era: same {@code ?vsn}, same messages), and with each node the lower of the two
 * versions, as global does: {@code init_connect_ack}, {@code cancel_connect} and tagged {@code lock_set} from 8;
 * versions in known-node lists, {@code lost_connection} and {@code remove_connection} from 7; {@code lock_set}
 * straight to the other locker before 6. A newer node's version is read from its {@code {Vsn, Tag, ...}} tuple by
 * the first two elements, as global reads it. Versions before 5 are refused. Only OTP 25 was tested live.
 *
 * <h2>Not done</h2>
 * Global groups ({@code global_groups}); the {@code connect_all false} and {@code prevent_overlapping_partitions
 * false} settings; running an Erlang resolve fun other than global's own for a process of this node (an erl node that
 * asks this node to get {@code {badrpc, notsup}}, and the other process keeps the name, as global does on a failed
 * call).
 */
package dev.beamlink.global.internal;
