package dev.beamlink.node;

/**
 * What a node keeps, for diagnostics, of the links and monitors that cross its connections to other nodes: the
 * entries that fire {@code noconnection} when a connection is lost (docs/semantics.md, "Connections and nodes"). On a
 * node whose processes have no link or monitor with another node's, every count is zero.
 *
 * @param links         links between a local process and a remote one
 * @param monitors      monitors local processes hold on remote ones
 * @param monitoredBy   monitors remote processes hold on local ones
 * @param pendingSpawns spawn requests to other nodes still waiting for their answer
 */
public record RemoteEntryCounts(int links, int monitors, int monitoredBy, int pendingSpawns) {

    /** {@return the sum of the counts} */
    public int total() {
        return links + monitors + monitoredBy + pendingSpawns;
    }
}
