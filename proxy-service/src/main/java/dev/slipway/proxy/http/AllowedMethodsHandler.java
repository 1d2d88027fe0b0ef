package dev.slipway.proxy.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;

/** Only GET and HEAD pass; anything else gets 405 with {@code Allow: GET, HEAD}. */
public final class AllowedMethodsHandler implements HttpHandler {

    private final HttpHandler next;

    public AllowedMethodsHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        var method = exchange.getRequestMethod();
        if (method.equals(Methods.GET) || method.equals(Methods.HEAD)) {
            next.handleRequest(exchange);
        } else {
            ErrorPages.METHOD_NOT_ALLOWED.send(exchange);
        }
    }
}
