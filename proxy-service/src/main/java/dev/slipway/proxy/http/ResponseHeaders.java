package dev.slipway.proxy.http;

import io.undertow.util.HttpString;

/** Header names and values the proxy sends that Undertow has no constant for. */
final class ResponseHeaders {
    static final HttpString NOSNIFF_NAME = new HttpString("X-Content-Type-Options");
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "public, max-age=0, must-revalidate";
    static final String NOSNIFF = "nosniff";
    static final String ACCEPT_ENCODING = "Accept-Encoding";
    static final String BYTES = "bytes";

    private ResponseHeaders() {}
}
