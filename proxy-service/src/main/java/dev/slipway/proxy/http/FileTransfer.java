package dev.slipway.proxy.http;

import dev.slipway.proxy.cache.CachedBody;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Sends part of a cached body that lives in a file, on the IO thread, with {@code sendfile} (no
 * copy through user space): the headers are flushed first (Undertow would otherwise read the file's
 * shared position for the first bytes), then the file goes from {@code start} to the socket as fast
 * as the client takes it. A client that stops reading is cut by the write timeout. The body is
 * given back to the cache when the transfer ends, however it ends.
 */
final class FileTransfer implements ChannelListener<StreamSinkChannel> {

    private final HttpServerExchange exchange;
    private final CachedBody body;
    private final int thread;
    private long position;
    private long remaining;
    private boolean headersSent;
    private final AtomicBoolean released = new AtomicBoolean();

    /** {@code body} must be held (acquired) by the caller; this transfer releases it. */
    FileTransfer(HttpServerExchange exchange, CachedBody body, long start, long length) {
        this.exchange = exchange;
        this.body = body;
        this.position = start;
        this.remaining = length;
        this.thread = exchange.getIoThread().getNumber();
    }

    void start() {
        exchange.addExchangeCompleteListener(
                (ex, next) -> {
                    release();
                    next.proceed();
                });
        handleEvent(exchange.getResponseChannel());
    }

    @Override
    public void handleEvent(StreamSinkChannel channel) {
        try {
            if (!headersSent) {
                if (!channel.flush()) {
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
            channel.suspendWrites();
            channel.getWriteSetter().set(null);
            release();
            exchange.endExchange();
        } catch (IOException | RuntimeException e) {
            release();
            IoUtils.safeClose(exchange.getConnection());
            exchange.endExchange();
        }
    }

    private void waitForRoom(StreamSinkChannel channel) {
        channel.getWriteSetter().set(this);
        channel.resumeWrites();
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            body.release();
        }
    }
}
