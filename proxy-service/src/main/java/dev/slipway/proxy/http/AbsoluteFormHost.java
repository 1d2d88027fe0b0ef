package dev.slipway.proxy.http;

import io.undertow.conduits.ByteActivityCallback;
import io.undertow.server.ConnectorStatisticsImpl;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.lang.reflect.Field;

/**
 * RFC 9112 section 3.2.2 for an absolute-form target ({@code GET http://a.example/x}): its
 * authority is the request's host and a different {@code Host} is ignored. Undertow 2.4 checks
 * every request with its {@code HostHeaderHandler} before any handler of ours and answers 400 when
 * the target does not contain the {@code Host}; it cannot be turned off. The one step Undertow runs
 * between parsing a request and that check is its connector statistics' {@code setup}: this takes
 * that place (counting nothing) and puts the target's authority in the {@code Host} header, so
 * Undertow's check then validates the host that is actually used, with every rule it has. A request
 * with no {@code Host} or with several keeps them and is refused as before (RFC 9112 section 3.2).
 *
 * <p>Installed only when the {@link HostCheck} cannot be (taking the statistics' place adds two
 * conduits to every connection); the {@code HostCheck} calls {@link #apply} itself.
 */
final class AbsoluteFormHost extends ConnectorStatisticsImpl {

    private static final ByteActivityCallback NOTHING = bytes -> {};

    /** Installs it on an open listener; false (Undertow's behaviour stays) if it cannot. */
    static boolean install(HttpOpenListener listener) {
        try {
            Field statistics = HttpOpenListener.class.getDeclaredField("connectorStatistics");
            Field enabled = HttpOpenListener.class.getDeclaredField("statisticsEnabled");
            statistics.setAccessible(true);
            enabled.setAccessible(true);
            statistics.set(listener, new AbsoluteFormHost());
            enabled.setBoolean(listener, true);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void setup(HttpServerExchange exchange) {
        apply(exchange);
    }

    /**
     * For an absolute-form target with one {@code Host}: puts the target's authority in the {@code
     * Host} header (when it has one), so the Host check validates the host actually used.
     */
    static void apply(HttpServerExchange exchange) {
        if (!exchange.isHostIncludedInRequestURI()) {
            return;
        }
        HeaderValues hosts = exchange.getRequestHeaders().get(Headers.HOST);
        if (hosts == null || hosts.size() != 1) {
            return;
        }
        String uri = exchange.getRequestURI();
        int scheme = uri.indexOf("://");
        int start = scheme >= 0 ? scheme + 3 : 0;
        int slash = uri.indexOf('/', start);
        String authority = slash >= 0 ? uri.substring(start, slash) : uri.substring(start);
        if (!authority.isEmpty()) {
            exchange.getRequestHeaders().put(Headers.HOST, authority);
        }
    }

    @Override
    public ByteActivityCallback sentAccumulator() {
        return NOTHING;
    }

    @Override
    public ByteActivityCallback receivedAccumulator() {
        return NOTHING;
    }

    @Override
    public void incrementConnectionCount() {}

    @Override
    public void decrementConnectionCount() {}

    @Override
    public void requestFinished(long bytesSent, long bytesReceived, boolean error) {}

    @Override
    public void updateBytesSent(long bytes) {}

    @Override
    public void updateBytesReceived(long bytes) {}
}
