package dev.slipway.proxy.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * The host and raw path of a request, as RFC 9112 section 3.2 reads them: the path is the target as
 * sent (a {@code ;} is part of it, never a path parameter), and for an absolute-form target ({@code
 * GET http://demo.example.com/x}) the authority in it is the host.
 */
record RequestTarget(String host, String rawPath) {

    static RequestTarget of(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int scheme = uri.indexOf("://");
            int start = scheme >= 0 ? scheme + 3 : 0;
            int slash = uri.indexOf('/', start);
            String authority = slash >= 0 ? uri.substring(start, slash) : uri.substring(start);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1);
            }
            return new RequestTarget(authority, slash >= 0 ? uri.substring(slash) : "/");
        }
        return new RequestTarget(exchange.getRequestHeaders().getFirst(Headers.HOST), uri);
    }
}
