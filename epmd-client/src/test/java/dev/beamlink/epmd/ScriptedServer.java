package dev.beamlink.epmd;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake EPMD for client tests: reads each request, then does to the connection what the test scripts (answer, stall, close). */
final class ScriptedServer implements AutoCloseable {

    /** What the fake does once it has read a request. */
    @FunctionalInterface
    interface Script {
        void answer(Socket connection, byte[] request) throws IOException, InterruptedException;
    }

    private final ServerSocket serverSocket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private ScriptedServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
    }

    static ScriptedServer start(Script script) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ScriptedServer server = new ScriptedServer(socket);
        Thread.ofVirtual().name("scripted-epmd").start(() -> server.acceptLoop(script));
        return server;
    }

    /** {@return a script that writes {@code reply} and closes} */
    static Script replying(byte[] reply) {
        return (connection, request) -> {
            connection.getOutputStream().write(reply);
            connection.close();
        };
    }

    /** {@return a script that never answers and keeps the connection open} */
    static Script silent() {
        return (connection, request) -> {
        };
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop(Script script) {
        while (!serverSocket.isClosed()) {
            try {
                Socket connection = serverSocket.accept();
                accepted.add(connection);
                Thread.ofVirtual().start(() -> serve(connection, script));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void serve(Socket connection, Script script) {
        try {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            byte[] request = new byte[in.readUnsignedShort()];
            in.readFully(request);
            script.answer(connection, request);
        } catch (IOException | InterruptedException ignored) {
            // The test is over or the client went away.
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
