/**
 * The process runtime of a beamlink node: processes, mailboxes, links, monitors and exit signals with
 * Erlang's semantics (src/docs/semantics.md), and the seam the distribution layer plugs into.
 *
 * <h2>For users</h2>
 * A {@link dev.beamlink.node.Node} spawns processes ({@link dev.beamlink.node.ProcessBody}, each on a
 * virtual thread) and hands out passive {@link dev.beamlink.node.Mailbox}es; a {@code Mailbox} is the
 * one handle for both. The runtime delivers {@link dev.beamlink.node.Exit}, {@link dev.beamlink.node.Down}
 * and {@link dev.beamlink.node.NodeDown} records for signals. A process that has ended throws
 * {@link dev.beamlink.node.ProcessEnded} (an {@code Error}) out of every later call.
 *
 * <h2>For the distribution layer</h2>
 * Every signal is a {@link dev.beamlink.node.spi.Signal} record, one per distribution control message
 * (SEND / SEND_SENDER, REG_SEND, ALIAS_SEND, LINK, UNLINK_ID, UNLINK_ID_ACK, EXIT, EXIT2, MONITOR_P, DEMONITOR_P,
 * MONITOR_P_EXIT, SPAWN_REQUEST, SPAWN_REPLY). A process starts processes on other nodes with
 * {@link dev.beamlink.node.Mailbox#spawnLink(dev.beamlink.etf.Atom, dev.beamlink.etf.Atom, dev.beamlink.etf.Atom, java.util.List)}
 * and its siblings: a SPAWN_REQUEST whose SPAWN_REPLY enters the link and monitor in the process's tables before any
 * signal of the new process is applied. A process may hand out aliases ({@link dev.beamlink.node.Mailbox#alias()}): references through
 * which any process, here or on another node, sends to it while the alias is active. The node routes each one at a single point: to a local process's signal queue, or
 * to the {@link dev.beamlink.node.spi.Distribution} attached with {@link dev.beamlink.node.Node#attach}, whose
 * {@link dev.beamlink.node.spi.Attachment} is the way in for signals from the wire
 * ({@code inject}) and for lost connections ({@code connectionLost}, which fires every link and monitor
 * over the connection once with {@code noconnection}). Local and remote signals are applied by the same
 * process-side code.
 *
 * <h2>Threads</h2>
 * Each process has one lock-free signal queue. Signals are applied under the process's lock by its own
 * thread at each call it makes, or, for anything but a message, by the node's signal executor (a small
 * fork-join pool), so an idle or busy process reacts to exits, links and monitors without its own
 * thread, and exit propagation never recurses on a stack. An idle process costs its parked virtual
 * thread and its small, lazily made tables.
 */
package dev.beamlink.node;
