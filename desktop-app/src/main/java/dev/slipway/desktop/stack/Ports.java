package dev.slipway.desktop.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Whether a TCP port of this machine can be listened on, or something answers on it. */
public final class Ports {
    private Ports() {}

    /** Whether nothing listens on the port of 127.0.0.1 (so the stack can take it). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Whether something accepts connections on the port of 127.0.0.1. */
    public static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** A port of 127.0.0.1 that is free right now. */
    public static int ephemeral() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The sentence for a taken proxy port: which port, and how to change it. */
    public static String takenMessage(int port, java.nio.file.Path configFile) {
        return "Port "
                + port
                + " (proxyPort) is already in use by another program; stop that program, or set"
                + " \"proxyPort\" in "
                + configFile
                + " to a free port such as "
                + (port == 8000 ? 8080 : 8000)
                + ".";
    }
}
