package dev.slipway.proxy.http;

import dev.slipway.proxy.metrics.ProxyMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The proxy's own paths: {@code /_slipway/health} ({@code {"status":"ok"}}) on every host of every
 * listener; {@code /_slipway/metrics} (Prometheus text, rendered on a worker thread) only when this
 * handler serves the admin listener ({@code metrics} not null). Everything else goes on.
 */
public final class PlatformHandler implements HttpHandler {

    public static final String HEALTH = "/_slipway/health";
    public static final String METRICS = "/_slipway/metrics";

    private static final ByteBuffer OK =
            ByteBuffer.wrap("{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8))
                    .asReadOnlyBuffer();

    private final HttpHandler next;
    private final ProxyMetrics metrics;

    /**
     * @param metrics the meters to serve at {@code /_slipway/metrics}, or null on the public port
     */
    public PlatformHandler(HttpHandler next, ProxyMetrics metrics) {
        this.next = next;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (path.equals(HEALTH)) {
            send(exchange, "application/json", OK.duplicate());
        } else if (metrics != null && path.equals(METRICS)) {
            if (exchange.isInIoThread()) {
                exchange.dispatch(this);
                return;
            }
            byte[] text = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            send(exchange, "text/plain; version=0.0.4; charset=utf-8", ByteBuffer.wrap(text));
        } else {
            next.handleRequest(exchange);
        }
    }

    private static void send(HttpServerExchange exchange, String type, ByteBuffer body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(ResponseHeaders.NOSNIFF_NAME, "nosniff");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.remaining());
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(body);
        }
    }
}
