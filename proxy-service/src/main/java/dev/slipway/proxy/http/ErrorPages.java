package dev.slipway.proxy.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The proxy's own pages: short, plain HTML that says what happened and what to do, and never
 * repeats anything from the request (no host, no path), so they cannot be used for reflection.
 */
public enum ErrorPages {
    BAD_REQUEST(
            400,
            "Bad request",
            "The address has a part this server does not accept (such as '..', an encoded slash or a broken %-escape). Check the link."),
    NO_SUCH_SITE(
            404,
            "No site here",
            "No Slipway site is deployed at this address. Check the project name in the address, or deploy it with: slipway deploy"),
    NOT_DEPLOYED(
            404,
            "Not deployed yet",
            "This project has no live deployment yet. Wait for its first build to finish, or run: slipway deploy"),
    NOT_FOUND(404, "Page not found", "This site has no page at this address."),
    METHOD_NOT_ALLOWED(
            405, "Method not allowed", "This server only answers GET and HEAD requests."),
    INTERNAL_ERROR(
            500,
            "Internal error",
            "Something went wrong in the proxy. Try again; if it keeps happening, look at the proxy's log."),
    STORAGE_UNAVAILABLE(
            502,
            "Storage not answering",
            "The site's storage did not answer in time. Try again in a moment.");

    private final int status;
    private final ByteBuffer body;

    ErrorPages(int status, String title, String message) {
        this.status = status;
        String html =
                "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                        + "<title>"
                        + status
                        + " "
                        + title
                        + "</title>"
                        + "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}"
                        + "h1{font-size:1.5rem}small{color:#777}</style></head>\n<body><h1>"
                        + title
                        + "</h1><p>"
                        + message
                        + "</p><p><small>"
                        + status
                        + " · Slipway</small></p></body></html>\n";
        this.body = ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    public int status() {
        return status;
    }

    /** Answers the exchange with this page (headers only for HEAD). */
    public void send(HttpServerExchange exchange) {
        if (exchange.isResponseStarted()) {
            org.xnio.IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.setStatusCode(status);
        var headers = exchange.getResponseHeaders();
        headers.clear();
        headers.put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        headers.put(Headers.CACHE_CONTROL, "no-store");
        headers.put(ResponseHeaders.NOSNIFF_NAME, "nosniff");
        if (status == 405) {
            headers.put(Headers.ALLOW, "GET, HEAD");
        }
        headers.put(Headers.CONTENT_LENGTH, body.remaining());
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(body.duplicate());
        }
    }
}
