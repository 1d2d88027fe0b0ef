package dev.slipway.proxy.http;

import dev.slipway.proxy.accesslog.AccessLog;
import dev.slipway.proxy.metrics.ProxyMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.time.Instant;

/**
 * The outermost handler: when a request ends, counts it by status and writes one JSON line: {@code
 * {"ts","method","host","path","status","bytes","ms","cache","remote"}}. The query string is left
 * out (it may hold tokens); every value is JSON-escaped so a request cannot forge lines.
 */
public final class AccessLogHandler implements HttpHandler {

    private static final AttachmentKey<String> CACHE = AttachmentKey.create(String.class);

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
                        log.append(line(ex, bytes, nanos));
                    } finally {
                        nextListener.proceed();
                    }
                });
        next.handleRequest(exchange);
    }

    private static String line(HttpServerExchange ex, long bytes, long nanos) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"ts\":\"");
        Timestamp.append(b);
        b.append('"');
        field(b, "method", ex.getRequestMethod().toString());
        field(b, "host", ex.getRequestHeaders().getFirst(Headers.HOST));
        field(b, "path", ex.getRequestPath());
        b.append(",\"status\":").append(ex.getStatusCode());
        b.append(",\"bytes\":").append(bytes);
        long micros = nanos / 1000;
        b.append(",\"ms\":").append(micros / 1000).append('.');
        long frac = micros % 1000;
        if (frac < 100) {
            b.append('0');
        }
        if (frac < 10) {
            b.append('0');
        }
        b.append(frac);
        String cache = ex.getAttachment(CACHE);
        field(b, "cache", cache == null ? "hit" : cache);
        var remote = ex.getSourceAddress();
        field(
                b,
                "remote",
                remote == null || remote.getAddress() == null
                        ? null
                        : remote.getAddress().getHostAddress());
        return b.append('}').toString();
    }

    /**
     * ISO-8601 UTC time with milliseconds ({@code 2026-11-27T21:30:00.123Z}), formatted once per
     * second: the part up to the seconds is kept and only the milliseconds are appended.
     */
    static final class Timestamp {
        private record Second(long epochSecond, String prefix) {}

        private static volatile Second current = new Second(Long.MIN_VALUE, "");

        static void append(StringBuilder b) {
            long millis = System.currentTimeMillis();
            long second = Math.floorDiv(millis, 1000);
            Second s = current;
            if (s.epochSecond() != second) {
                String text = Instant.ofEpochSecond(second).toString();
                s = new Second(second, text.substring(0, text.length() - 1) + ".");
                current = s;
            }
            int ms = (int) Math.floorMod(millis, 1000);
            b.append(s.prefix());
            if (ms < 100) {
                b.append('0');
            }
            if (ms < 10) {
                b.append('0');
            }
            b.append(ms).append('Z');
        }
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":");
        if (value == null) {
            b.append("null");
            return;
        }
        b.append('"');
        int max = Math.min(value.length(), 2048);
        for (int i = 0; i < max; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
