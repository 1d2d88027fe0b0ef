package dev.slipway.proxy.http;

import dev.slipway.proxy.accesslog.AccessLog;
import dev.slipway.proxy.metrics.ProxyMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;

/**
 * The outermost handler: when a request ends, counts it by status and writes one JSON line: {@code
 * {"ts","method","host","path","status","bytes","ms","cache","remote"}}. The query string is left
 * out (it may hold tokens); every value is JSON-escaped so a request cannot forge lines.
 */
public final class AccessLogHandler implements HttpHandler {

    private static final AttachmentKey<String> CACHE = AttachmentKey.create(String.class);
    private static final AttachmentKey<String> REMOTE = AttachmentKey.create(String.class);

    private final HttpHandler next;
    private final AccessLog log;
    private final ProxyMetrics metrics;

    public AccessLogHandler(HttpHandler next, AccessLog log, ProxyMetrics metrics) {
        this.next = next;
        this.log = log;
        this.metrics = metrics;
    }

    /** Notes that the response needed the bucket (a cache miss). */
    static void markMiss(HttpServerExchange exchange) {
        if (!"stream".equals(exchange.getAttachment(CACHE))) {
            exchange.putAttachment(CACHE, "miss");
        }
    }

    /** Notes that the body is streamed from the bucket. */
    static void markStream(HttpServerExchange exchange) {
        exchange.putAttachment(CACHE, "stream");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener(
                (ex, nextListener) -> {
                    try {
                        long nanos = System.nanoTime() - start;
                        long bytes = ex.getResponseBytesSent();
                        metrics.request(ex.getStatusCode(), bytes, nanos);
                        line(ex, bytes, nanos);
                    } finally {
                        nextListener.proceed();
                    }
                });
        next.handleRequest(exchange);
    }

    /**
     * A request Undertow refused before any handler ran ({@link RejectionSpotter}): counted as a
     * 400 and in {@code slipway_proxy_rejected_total}, and logged with {@code "cache":"rejected"}
     * and what was refused ({@code "reason"}: {@code parser} or {@code host}); nothing of the
     * request is known but its client.
     */
    public void rejected(java.net.SocketAddress remote, String reason) {
        metrics.request(400, 0, 0);
        metrics.rejected(reason);
        log.line()
                .raw("{\"ts\":\"")
                .timestamp()
                .raw("\",\"method\":null,\"host\":null,\"path\":null,\"status\":400,\"bytes\":0")
                .raw(",\"ms\":0.000,\"cache\":\"rejected\",\"reason\":")
                .string(reason)
                .raw(",\"remote\":")
                .string(
                        remote instanceof java.net.InetSocketAddress inet
                                        && inet.getAddress() != null
                                ? inet.getAddress().getHostAddress()
                                : null)
                .raw("}")
                .end();
    }

    private void line(HttpServerExchange ex, long bytes, long nanos) {
        String cache = ex.getAttachment(CACHE);
        log.line()
                .raw("{\"ts\":\"")
                .timestamp()
                .raw("\",\"method\":")
                .string(ex.getRequestMethod().toString())
                .raw(",\"host\":")
                .string(ex.getRequestHeaders().getFirst(Headers.HOST))
                .raw(",\"path\":")
                .string(ex.getRequestPath())
                .raw(",\"status\":")
                .number(ex.getStatusCode())
                .raw(",\"bytes\":")
                .number(bytes)
                .raw(",\"ms\":")
                .millis(nanos)
                .raw(",\"cache\":\"")
                .raw(cache == null ? "hit" : cache)
                .raw("\",\"remote\":")
                .string(remote(ex))
                .raw("}")
                .end();
    }

    /** The client's address as text, formatted once per connection. */
    private static String remote(HttpServerExchange ex) {
        String known = ex.getConnection().getAttachment(REMOTE);
        if (known != null) {
            return known;
        }
        var remote = ex.getSourceAddress();
        if (remote == null || remote.getAddress() == null) {
            return null;
        }
        String text = remote.getAddress().getHostAddress();
        ex.getConnection().putAttachment(REMOTE, text);
        return text;
    }
}
