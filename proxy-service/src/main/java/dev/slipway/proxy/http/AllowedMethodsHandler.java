package dev.slipway.proxy.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Guards the request's framing and method. A {@code Transfer-Encoding} whose last coding is not
 * {@code chunked} has no knowable body end (RFC 9112 section 6.3): 400 and the connection is
 * closed, so nothing pipelined after it is read as a request. Methods are case-sensitive (RFC 9110
 * section 9.1): only {@code GET} and {@code HEAD} pass; anything else, {@code get} included, gets
 * 405 with {@code Allow: GET, HEAD}.
 */
public final class AllowedMethodsHandler implements HttpHandler {

    private final HttpHandler next;

    public AllowedMethodsHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String transferEncoding = exchange.getRequestHeaders().getLast(Headers.TRANSFER_ENCODING);
        if (transferEncoding != null && !endsInChunked(transferEncoding)) {
            exchange.setPersistent(false);
            ErrorPages.BAD_REQUEST.send(exchange);
            return;
        }
        String method = exchange.getRequestMethod().toString();
        if (method.equals("GET") || method.equals("HEAD")) {
            next.handleRequest(exchange);
        } else {
            ErrorPages.METHOD_NOT_ALLOWED.send(exchange);
        }
    }

    static boolean endsInChunked(String transferEncoding) {
        int comma = transferEncoding.lastIndexOf(',');
        String last = comma >= 0 ? transferEncoding.substring(comma + 1) : transferEncoding;
        return last.trim().equalsIgnoreCase("chunked");
    }
}
