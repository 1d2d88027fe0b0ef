package dev.slipway.proxy.http;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.StreamConnection;

/**
 * Linux's {@code TCP_CORK} on a response's socket, as nginx's {@code tcp_nopush} sets it around a
 * {@code sendfile}: while corked, the kernel sends only full segments, and uncorking sends the rest
 * at once. Without it the headers go out as a segment of their own and the file in several pushes,
 * each one delivered and waking the client separately: measured on loopback, nginx itself with
 * {@code tcp_nopush off} spent 40-64 µs of CPU per 200 KB response against 17-20 µs with it, the
 * proxy's figure before this (docs/benchmarks/proxy.md).
 *
 * <p>The JDK has no option for it: this calls its own {@code setsockopt} ({@code sun.nio.ch.Net}),
 * which needs {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} (the jar's manifest says so for
 * {@code java -jar}; the image's flags too). Without it, or off Linux, {@link #available} is false
 * and responses go uncorked, as before.
 */
final class TcpCork {

    private static final Logger log = LoggerFactory.getLogger(TcpCork.class);
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_CORK = 3;

    /** (FileDescriptor fd, boolean mayNeedConversion, int level, int opt, int arg, boolean v6) */
    private static final MethodHandle SET_INT_OPTION;

    /** (SocketChannel) → FileDescriptor */
    private static final MethodHandle FD;

    /** (StreamConnection) → SocketChannel, XNIO's NIO connection */
    private static final MethodHandle CHANNEL;

    private static final Class<?> NIO_CONNECTION;

    static {
        MethodHandle set = null;
        MethodHandle fd = null;
        MethodHandle channel = null;
        Class<?> connection = null;
        if (System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("linux")) {
            try {
                Class<?> net = Class.forName("sun.nio.ch.Net");
                Method m =
                        net.getDeclaredMethod(
                                "setIntOption0",
                                FileDescriptor.class,
                                boolean.class,
                                int.class,
                                int.class,
                                int.class,
                                boolean.class);
                m.setAccessible(true);
                Method getFd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFD");
                getFd.setAccessible(true);
                connection = Class.forName("org.xnio.nio.NioSocketStreamConnection");
                Method getChannel = connection.getDeclaredMethod("getChannel");
                getChannel.setAccessible(true);
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                set = lookup.unreflect(m);
                fd =
                        lookup.unreflect(getFd)
                                .asType(
                                        MethodType.methodType(
                                                FileDescriptor.class, SocketChannel.class));
                channel =
                        lookup.unreflect(getChannel)
                                .asType(
                                        MethodType.methodType(
                                                SocketChannel.class, StreamConnection.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.info(
                        "Large files are sent without TCP_CORK (about twice nginx's CPU per response): run java with --add-opens java.base/sun.nio.ch=ALL-UNNAMED ({})",
                        e.toString());
                set = null;
            }
        }
        SET_INT_OPTION = set;
        FD = fd;
        CHANNEL = channel;
        NIO_CONNECTION = connection;
    }

    private TcpCork() {}

    /** Whether corking works in this JVM. */
    static boolean available() {
        return SET_INT_OPTION != null;
    }

    /**
     * The exchange's socket, to {@link #set cork}; null when corking is not possible (not
     * available, not a NIO socket).
     */
    static FileDescriptor socket(HttpServerExchange exchange) {
        if (SET_INT_OPTION == null) {
            return null;
        }
        if (!(exchange.getConnection() instanceof AbstractServerConnection server)) {
            return null;
        }
        StreamConnection connection = server.getChannel();
        if (!NIO_CONNECTION.isInstance(connection)) {
            return null;
        }
        try {
            SocketChannel socket = (SocketChannel) CHANNEL.invokeExact(connection);
            return (FileDescriptor) FD.invokeExact(socket);
        } catch (Throwable e) {
            log.debug("No socket to cork", e);
            return null;
        }
    }

    /**
     * Corks or uncorks a socket from {@link #socket}; false when it could not (no socket, or the
     * socket refused). Uncorking sends what the cork held.
     */
    static boolean set(FileDescriptor socket, boolean on) {
        if (socket == null) {
            return false;
        }
        try {
            SET_INT_OPTION.invokeExact(socket, false, IPPROTO_TCP, TCP_CORK, on ? 1 : 0, false);
            return true;
        } catch (Throwable e) {
            log.debug("TCP_CORK failed", e);
            return false;
        }
    }
}
