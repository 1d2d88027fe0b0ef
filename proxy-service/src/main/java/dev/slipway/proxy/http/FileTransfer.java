package dev.slipway.proxy.http;

import dev.slipway.proxy.cache.CachedBody;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Sends part of a cached body that lives in a file, on the IO thread, with {@code sendfile} (no
 * copy through user space), under {@link TcpCork} as nginx's {@code tcp_nopush}: the headers are
 * flushed first (Undertow would otherwise read the file's shared position for the first bytes) and
 * held by the cork, then the file goes from {@code start} to the socket as fast as the client takes
 * it, and uncorking at the end pushes the rest. A client that stops reading is cut by the write
 * timeout. The body is given back to the cache when the transfer ends, however it ends.
 */
final class FileTransfer implements ChannelListener<StreamSinkChannel>, ExchangeCompletionListener {

    private final HttpServerExchange exchange;
    private final CachedBody body;
    private final int thread;
    private long position;
    private long remaining;
    private boolean headersSent;
    private PooledByteBuffer head;
    private final AtomicBoolean released = new AtomicBoolean();
    private boolean corked;
    private FileDescriptor socket;

    /** Whether writes were resumed for this transfer (suspended again at its end). */
    private boolean waiting;

    /** {@code body} must be held (acquired) by the caller; this transfer releases it. */
    FileTransfer(HttpServerExchange exchange, CachedBody body, long start, long length) {
        this.exchange = exchange;
        this.body = body;
        this.position = start;
        this.remaining = length;
        this.thread = exchange.getIoThread().getNumber();
    }

    void start() {
        exchange.addExchangeCompleteListener(this);
        socket = TcpCork.socket(exchange);
        corked = TcpCork.set(socket, true);
        handleEvent(exchange.getResponseChannel());
    }

    /** However the exchange ends: the cork off, the body given back. */
    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener next) {
        uncork();
        release();
        next.proceed();
    }

    @Override
    public void handleEvent(StreamSinkChannel channel) {
        try {
            if (!headersSent) {
                if (!sendHead(channel)) {
                    waitForRoom(channel);
                    return;
                }
                headersSent = true;
            }
            while (remaining > 0) {
                long n = channel.transferFrom(body.file(thread), position, remaining);
                if (n <= 0) {
                    waitForRoom(channel);
                    return;
                }
                position += n;
                remaining -= n;
            }
            if (waiting) {
                channel.suspendWrites();
                channel.getWriteSetter().set(null);
            }
            uncork();
            release();
            exchange.endExchange();
        } catch (IOException | RuntimeException e) {
            uncork();
            release();
            IoUtils.safeClose(exchange.getConnection());
            exchange.endExchange();
        }
    }

    /**
     * The headers; without the cork, with the first bytes of the body in one write, so that they
     * leave in one segment: a read into a pooled buffer at {@code position} (never the file's
     * shared position), then a gathering write. True once the headers are out.
     */
    private boolean sendHead(StreamSinkChannel channel) throws IOException {
        if (corked) {
            // The cork holds the headers until the file fills a segment: no copy of its first
            // bytes.
            return channel.flush();
        }
        if (head == null) {
            head = exchange.getConnection().getByteBufferPool().allocate();
            ByteBuffer buffer = head.getBuffer();
            buffer.clear();
            if (buffer.remaining() > remaining) {
                buffer.limit((int) remaining);
            }
            while (buffer.hasRemaining()) {
                if (body.file(thread).read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("The cached file ended early");
                }
            }
            buffer.flip();
            position += buffer.remaining();
            remaining -= buffer.remaining();
        }
        ByteBuffer buffer = head.getBuffer();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                return false;
            }
        }
        head.close();
        head = null;
        return true;
    }

    /** Sends what the cork holds; the connection's next response starts uncorked. */
    private void uncork() {
        if (corked) {
            corked = false;
            TcpCork.set(socket, false);
        }
    }

    private void waitForRoom(StreamSinkChannel channel) {
        waiting = true;
        channel.getWriteSetter().set(this);
        channel.resumeWrites();
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            body.release();
            if (head != null) {
                head.close();
                head = null;
            }
        }
    }
}
