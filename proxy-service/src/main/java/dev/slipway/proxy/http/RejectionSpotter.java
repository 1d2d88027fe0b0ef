package dev.slipway.proxy.http;

import io.undertow.server.handlers.HostHeaderHandler;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.xnio.ChannelListener;
import org.xnio.StreamConnection;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Notices the requests Undertow refuses before any handler sees them, so they are counted and
 * logged like every other request: its parser's {@code 400} (a request head over the size limit,
 * {@code Content-Length} with {@code Transfer-Encoding}, a malformed request line or header) and
 * its mandatory Host check's {@code 400} (a missing, repeated or malformed {@code Host}, or an
 * absolute-form target whose authority is not the {@code Host}). It sits under every connection's
 * writes and recognises the exact bytes Undertow writes then: a status line {@code HTTP/1.1 400}
 * with Undertow's own reason phrases, which the proxy's pages never use.
 */
public final class RejectionSpotter {

    /** Told about each refused request: the client, and what Undertow refused. */
    public interface Listener {
        void rejected(SocketAddress remote, String reason);
    }

    private static final byte[] PARSER =
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS_400 = "HTTP/1.1 400 ".getBytes(StandardCharsets.US_ASCII);
    private static final List<byte[]> HOST_REASONS =
            List.of(
                            HostHeaderHandler.STATUS_NO_HOST_HEADER,
                            HostHeaderHandler.STATUS_TOO_MANY_HOST_HEADERS,
                            HostHeaderHandler.STATUS_MALFORMED_PORT,
                            HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL,
                            HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL_BAD_CHARS,
                            HostHeaderHandler.STATUS_HOST_NO_MATCH)
                    .stream()
                    .map(r -> (r + "\r\n").getBytes(StandardCharsets.US_ASCII))
                    .toList();

    private RejectionSpotter() {}

    /** Wraps an open listener: each new connection's writes pass the spotter first. */
    public static ChannelListener<StreamConnection> wrap(
            ChannelListener<? super StreamConnection> next, Listener listener) {
        return connection -> {
            connection
                    .getSinkChannel()
                    .setConduit(
                            new Conduit(
                                    connection.getSinkChannel().getConduit(),
                                    connection,
                                    listener));
            next.handleEvent(connection);
        };
    }

    /** What Undertow refused, when {@code head} starts one of its refusals; else null. */
    static String refusal(ByteBuffer head) {
        if (head.remaining() < STATUS_400.length || !startsWith(head, 0, STATUS_400)) {
            return null;
        }
        if (head.remaining() == PARSER.length && startsWith(head, 0, PARSER)) {
            return "parser";
        }
        for (byte[] reason : HOST_REASONS) {
            if (startsWith(head, STATUS_400.length, reason)) {
                return "host";
            }
        }
        return null;
    }

    private static boolean startsWith(ByteBuffer b, int offset, byte[] prefix) {
        int at = b.position() + offset;
        if (b.limit() - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static final class Conduit extends AbstractStreamSinkConduit<StreamSinkConduit> {
        private final StreamConnection connection;
        private final Listener listener;
        private boolean told;

        Conduit(StreamSinkConduit next, StreamConnection connection, Listener listener) {
            super(next);
            this.connection = connection;
            this.listener = listener;
        }

        private void look(ByteBuffer head) {
            // One byte decides for nearly every response: the status's first digit.
            if (told
                    || head.remaining() < STATUS_400.length
                    || head.get(head.position() + 9) != '4') {
                return;
            }
            String reason = refusal(head);
            if (reason != null) {
                told = true;
                listener.rejected(connection.getPeerAddress(), reason);
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            look(src);
            return super.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (length > 0) {
                look(srcs[offset]);
            }
            return super.write(srcs, offset, length);
        }

        @Override
        public int writeFinal(ByteBuffer src) throws IOException {
            look(src);
            return super.writeFinal(src);
        }

        @Override
        public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (length > 0) {
                look(srcs[offset]);
            }
            return super.writeFinal(srcs, offset, length);
        }
    }
}
