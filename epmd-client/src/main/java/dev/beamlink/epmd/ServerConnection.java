package dev.beamlink.epmd;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the embedded server, on its own virtual thread: reads one request within the packet
 * time-out, answers it as {@code epmd} does, and closes, except after a registration, which lasts until
 * the client closes or sends anything more. A connection that breaks the protocol or stays silent is
 * closed and the reason logged; other connections never wait for it.
 */
final class ServerConnection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    private final EpmdServer server;
    private final Socket socket;
    private final long id;
    private final SocketAddress peer;

    ServerConnection(EpmdServer server, Socket socket, long id) {
        this.server = server;
        this.socket = socket;
        this.id = id;
        this.peer = socket.getRemoteSocketAddress();
    }

    long id() {
        return id;
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (SocketTimeoutException | WireFormatException e) {
            LOG.warn("EPMD {}: dropped connection {} from {}: {}", server.port(), id, peer, e.getMessage());
        } catch (IOException e) {
            if (server.isRunning()) {
                LOG.warn("EPMD {}: connection {} from {} failed: {}", server.port(), id, peer, e.toString());
            }
        } finally {
            close();
            server.connectionEnded(this);
        }
    }

    /** Closes the connection (the server is stopping, or the request is done). */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("EPMD {}: closing connection {}", server.port(), id, e);
        }
    }

    private void serve() throws IOException {
        WireInput in = WireInput.of(socket, server.packetTimeout());
        if (in.endsBeforeMessage()) {
            LOG.debug("EPMD {}: connection {} from {} closed without a request", server.port(), id, peer);
            return;
        }
        int length = in.u16("request length");
        if (length < 1 || length > EpmdProtocol.MAX_REQUEST_LENGTH) {
            throw WireFormatException.field("request length", length, "1.." + EpmdProtocol.MAX_REQUEST_LENGTH);
        }
        byte[] body = in.bytes(length, "request");
        if (in.unconsumed() > 0) {
            throw WireFormatException.field("bytes after the request", in.unconsumed(), "0 (one request a connection)");
        }
        switch (RequestDecoder.decode(body)) {
            case EpmdRequest.Alive2 alive2 -> {
                if (fromThisHost("ALIVE2_REQ")) {
                    register(alive2);
                }
            }
            case EpmdRequest.PortPlease2 portPlease2 -> write(server.registry().lookup(portPlease2.name())
                    .map(node -> ReplyEncoder.port2(node.request()))
                    .orElseGet(ReplyEncoder::port2NotFound));
            case EpmdRequest.Names ignored -> write(ReplyEncoder.names(server.port(), server.registry().newestFirst()));
            case EpmdRequest.Dump ignored -> {
                if (fromThisHost("DUMP_REQ")) {
                    write(ReplyEncoder.dump(server.port(), server.registry().newestFirst()));
                }
            }
            case EpmdRequest.Kill ignored -> {
                if (fromThisHost("KILL_REQ")) {
                    kill();
                }
            }
            case EpmdRequest.Stop ignored -> {
                if (fromThisHost("STOP_REQ")) {
                    LOG.warn("EPMD {}: refused STOP_REQ from {}: forced unregistering is not allowed", server.port(), peer);
                }
            }
            case EpmdRequest.Unknown unknown ->
                    LOG.warn("EPMD {}: dropped connection {} from {}: unknown request code {}", server.port(), id, peer, unknown.code());
        }
    }

    private void register(EpmdRequest.Alive2 request) throws IOException {
        Optional<NodeRegistry.Registered> registered = Optional.empty();
        String refusal;
        try {
            String name = EpmdNameRules.parse(request.name(), "ALIVE2_REQ NodeName");
            if (request.extra().length > EpmdProtocol.MAX_SYMBOL_BYTES) {
                refusal = "ALIVE2_REQ Elen: " + request.extra().length + " (expected: <= " + EpmdProtocol.MAX_SYMBOL_BYTES + ")";
            } else {
                registered = server.registry().register(name, request, id);
                refusal = "name '" + name + "' is registered already";
            }
        } catch (WireFormatException e) {
            refusal = e.getMessage();
        }
        if (registered.isEmpty()) {
            // epmd answers a refusal and then keeps the connection until the client closes it.
            LOG.info("EPMD {}: refused ALIVE2_REQ from {}: {}", server.port(), peer, refusal);
            write(ReplyEncoder.alive2(request.highestVersion(), 1, ReplyEncoder.REFUSED_CREATION));
            awaitEnd("refused registration");
            return;
        }
        NodeRegistry.Registered node = registered.get();
        try {
            write(ReplyEncoder.alive2(request.highestVersion(), EpmdProtocol.RESULT_OK, node.creation()));
            LOG.debug("EPMD {}: registered '{}' at port {}, creation {}", server.port(), node.name(), request.port(),
                    Integer.toUnsignedString(node.creation()));
            awaitEnd("registration of '" + node.name() + "'");
        } finally {
            server.registry().unregister(node);
            LOG.debug("EPMD {}: unregistered '{}'", server.port(), node.name());
        }
    }

    /** Waits, without a time-out, until the client closes a kept connection or sends more (which ends it too). */
    private void awaitEnd(String what) throws IOException {
        socket.setSoTimeout(0);
        int read;
        try {
            read = socket.getInputStream().read();
        } catch (IOException e) {
            if (!server.isRunning()) {
                return;
            }
            throw e;
        }
        if (read >= 0) {
            LOG.warn("EPMD {}: connection {} from {} sent more bytes after its {}: closed, as epmd does",
                    server.port(), id, peer, what);
        }
    }

    private void kill() throws IOException {
        boolean allowed = server.registry().isEmpty();
        write(ReplyEncoder.kill(allowed));
        if (allowed) {
            LOG.warn("EPMD {}: stopped by KILL_REQ from {}", server.port(), peer);
            close();
            server.close();
        }
    }

    /** {@return whether the peer is on this host} If not, logs the refusal: epmd serves some requests to local peers only. */
    private boolean fromThisHost(String request) {
        InetAddress address = peer instanceof InetSocketAddress inet ? inet.getAddress() : null;
        boolean local = address != null && (address.isLoopbackAddress() || address.equals(socket.getLocalAddress()));
        if (!local) {
            LOG.warn("EPMD {}: refused {} from {}: only local peers may send it", server.port(), request, peer);
        }
        return local;
    }

    private void write(byte[] reply) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(reply);
        out.flush();
    }
}
