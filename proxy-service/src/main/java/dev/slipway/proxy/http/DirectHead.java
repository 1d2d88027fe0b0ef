package dev.slipway.proxy.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.server.protocol.http.PipeliningBufferingStreamSinkConduit;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file-cached body's response head, written by the proxy straight to the corked socket instead of
 * through Undertow's conduit chain. The bytes are the ones Undertow's {@code HttpResponseConduit}
 * would write (status line, then every header value in the header map's order, as {@code name:
 * value}, each character's low byte), made in a heap array and copied once into a pooled direct
 * buffer, then one {@code write} of the socket's descriptor; Undertow's response conduit is then
 * moved from "head not written" to "body", as its own head write would leave it, so the {@code
 * sendfile} that follows goes through the chain as before and nothing writes the head twice.
 *
 * <p>Only when Undertow's state allows it: the conduit has written nothing of this response, no
 * pipelined response is buffered ahead of it, and the head fits one buffer. Otherwise {@link #take}
 * returns null and Undertow writes the head. It needs the same {@code --add-opens
 * java.base/sun.nio.ch} as {@link TcpCork} and Undertow 2.4's field names; without them, {@link
 * #available} is false.
 */
final class DirectHead {

    private static final Logger log = LoggerFactory.getLogger(DirectHead.class);

    /** sun.nio.ch.IOStatus */
    private static final int UNAVAILABLE = -2;

    private static final int INTERRUPTED = -3;

    /** (FileDescriptor, long address, int length) → int, sun.nio.ch.FileDispatcherImpl.write0 */
    private static final MethodHandle WRITE0;

    /** (ByteBuffer) → long, the address of a direct buffer */
    private static final MethodHandle ADDRESS;

    /** (HttpServerConnection) → Object, its HttpResponseConduit */
    private static final MethodHandle RESPONSE_CONDUIT;

    /** (Object conduit) → int, and (Object conduit, int): HttpResponseConduit.state */
    private static final MethodHandle GET_STATE;

    private static final MethodHandle SET_STATE;

    private static final int STATE_BODY;
    private static final int STATE_START;

    /** Where each IO thread makes its heads: ASCII into a heap array, then one copy. */
    private static final ThreadLocal<byte[]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    static {
        MethodHandle write = null;
        MethodHandle address = null;
        MethodHandle conduit = null;
        MethodHandle get = null;
        MethodHandle set = null;
        int body = -1;
        int start = -1;
        if (TcpCork.available()) {
            try {
                Method w =
                        Class.forName("sun.nio.ch.FileDispatcherImpl")
                                .getDeclaredMethod(
                                        "write0", FileDescriptor.class, long.class, int.class);
                w.setAccessible(true);
                Method a = Class.forName("sun.nio.ch.DirectBuffer").getMethod("address");
                a.setAccessible(true);
                Class<?> type =
                        Class.forName("io.undertow.server.protocol.http.HttpResponseConduit");
                Field state = type.getDeclaredField("state");
                state.setAccessible(true);
                Field bodyState = type.getDeclaredField("STATE_BODY");
                bodyState.setAccessible(true);
                Field startState = type.getDeclaredField("STATE_START");
                startState.setAccessible(true);
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                write = lookup.unreflect(w);
                address =
                        lookup.unreflect(a)
                                .asType(MethodType.methodType(long.class, ByteBuffer.class));
                conduit =
                        lookup.unreflect(HttpServerConnection.class.getMethod("getResponseConduit"))
                                .asType(
                                        MethodType.methodType(
                                                Object.class, HttpServerConnection.class));
                get =
                        lookup.unreflectGetter(state)
                                .asType(MethodType.methodType(int.class, Object.class));
                set =
                        lookup.unreflectSetter(state)
                                .asType(MethodType.methodType(void.class, Object.class, int.class));
                body = bodyState.getInt(null);
                start = startState.getInt(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.info(
                        "File-cached bodies' heads go through Undertow's conduits: {}",
                        e.toString());
                write = null;
            }
        }
        WRITE0 = write;
        ADDRESS = address;
        RESPONSE_CONDUIT = conduit;
        GET_STATE = get;
        SET_STATE = set;
        STATE_BODY = body;
        STATE_START = start;
    }

    private DirectHead() {}

    /** Whether heads can be written directly in this JVM. */
    static boolean available() {
        return WRITE0 != null;
    }

    /**
     * The exchange's head, in a pooled direct buffer ready to {@link #write}, with Undertow's
     * response conduit now past the head; null, and nothing changed, when Undertow must write it.
     * Call after {@code getResponseChannel()} (the header map is then final).
     */
    static PooledByteBuffer take(HttpServerExchange exchange) throws IOException {
        if (WRITE0 == null
                || !(exchange.getConnection() instanceof HttpServerConnection connection)) {
            return null;
        }
        PipeliningBufferingStreamSinkConduit pipelined = connection.getPipelineBuffer();
        if (pipelined != null && !pipelined.flushPipelinedData()) {
            return null;
        }
        Object conduit;
        try {
            conduit = (Object) RESPONSE_CONDUIT.invokeExact(connection);
            if (conduit == null || (int) GET_STATE.invokeExact(conduit) != STATE_START) {
                return null;
            }
        } catch (Throwable e) {
            log.debug("No response conduit to write past", e);
            return null;
        }
        Connectors.flattenCookies(exchange);
        byte[] scratch = SCRATCH.get();
        int length = serialize(exchange, scratch);
        if (length < 0) {
            return null;
        }
        PooledByteBuffer pooled = exchange.getConnection().getByteBufferPool().allocate();
        ByteBuffer buffer = pooled.getBuffer();
        if (!buffer.isDirect() || buffer.capacity() < length) {
            pooled.close();
            return null;
        }
        buffer.clear();
        buffer.put(scratch, 0, length).flip();
        try {
            SET_STATE.invokeExact(conduit, STATE_BODY);
        } catch (Throwable e) {
            pooled.close();
            log.debug("Could not move the response conduit past the head", e);
            return null;
        }
        return pooled;
    }

    /**
     * Writes what is left of {@code head} to the socket; true when all of it is out, false when the
     * socket is full (write again when it is writable).
     */
    static boolean write(FileDescriptor socket, ByteBuffer head) throws IOException {
        while (head.hasRemaining()) {
            int n;
            try {
                long address = (long) ADDRESS.invokeExact(head);
                n = (int) WRITE0.invokeExact(socket, address + head.position(), head.remaining());
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IOException("write failed", e);
            }
            if (n == UNAVAILABLE) {
                return false;
            }
            if (n == INTERRUPTED) {
                continue;
            }
            if (n < 0) {
                throw new IOException("write returned " + n);
            }
            head.position(head.position() + n);
        }
        return true;
    }

    /**
     * The head as {@code HttpResponseConduit} writes it, into {@code out}: its length, or -1 if it
     * does not fit.
     */
    // String.getBytes(int, int, byte[], int) keeps each char's low byte: Undertow's (byte) charAt.
    @SuppressWarnings("deprecation")
    static int serialize(HttpServerExchange exchange, byte[] out) {
        HttpString protocol = exchange.getProtocol();
        int code = exchange.getStatusCode();
        String reason = exchange.getReasonPhrase();
        if (reason == null) {
            reason = StatusCodes.getReason(code);
        }
        if (protocol == null
                || protocol.length() == 0
                || code < 100
                || code > 999
                || protocol.length() + reason.length() + 9 > out.length) {
            return -1;
        }
        int at = protocol.length();
        protocol.copyTo(out, 0);
        out[at++] = ' ';
        out[at++] = (byte) (code / 100 + '0');
        out[at++] = (byte) (code / 10 % 10 + '0');
        out[at++] = (byte) (code % 10 + '0');
        out[at++] = ' ';
        reason.getBytes(0, reason.length(), out, at);
        at += reason.length();
        out[at++] = '\r';
        out[at++] = '\n';
        HeaderMap headers = exchange.getResponseHeaders();
        for (long cookie = headers.fastIterateNonEmpty();
                cookie != -1L;
                cookie = headers.fiNextNonEmpty(cookie)) {
            HeaderValues values = headers.fiCurrent(cookie);
            HttpString name = values.getHeaderName();
            int nameLength = name.length();
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                int valueLength = value.length();
                if (at + nameLength + valueLength + 6 > out.length) {
                    return -1;
                }
                name.copyTo(out, at);
                at += nameLength;
                out[at++] = ':';
                out[at++] = ' ';
                value.getBytes(0, valueLength, out, at);
                at += valueLength;
                out[at++] = '\r';
                out[at++] = '\n';
            }
        }
        out[at++] = '\r';
        out[at++] = '\n';
        return at;
    }
}
