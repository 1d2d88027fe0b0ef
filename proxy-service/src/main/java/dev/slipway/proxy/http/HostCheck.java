package dev.slipway.proxy.http;

import io.undertow.server.HandlerWrapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.HostHeaderHandler;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.NetworkUtils;
import io.undertow.util.Protocols;
import io.undertow.util.StatusCodes;
import java.lang.reflect.Field;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Undertow 2.4's mandatory {@code Host} check ({@link HostHeaderHandler}), the same rules and the
 * same answers, made once per listener instead of once per request. Undertow's read listener wraps
 * the root handler in a new {@code HostHeaderHandler} for every request ({@code
 * HostHeaderHandler.WRAPPER}, not configurable) and tries an IPv4 regular expression on every
 * {@code Host}; here the wrapper returns the check made for the listener's root handler, and the
 * IPv4 expression is left out: whatever it accepts (digits and dots) the registered-name rule that
 * follows accepts too, so every verdict is the same. A 400 keeps Undertow's reason phrases, which
 * the {@link RejectionSpotter} recognises.
 *
 * <p>{@link #install} replaces Undertow's {@code WRAPPER} constant (with {@code sun.misc.Unsafe},
 * the only way to change a {@code static final}); roots that were not registered get Undertow's own
 * handler, as before. If it cannot be replaced, Undertow's check runs as it always did: the answers
 * are the same, only slower.
 */
final class HostCheck implements HttpHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HostCheck.class);

    private static final Pattern IP6_EXACT = Pattern.compile(NetworkUtils.IP6_EXACT);
    private static final boolean[] REGNAME = new boolean[256];
    private static final boolean[] HEX = new boolean[256];
    private static final boolean[] IP_FUTURE = new boolean[256];

    static {
        for (int i = 0; i < 256; i++) {
            boolean alnum =
                    (i >= '0' && i <= '9') || (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z');
            REGNAME[i] = alnum || "-._~!$&'()*+,;=".indexOf(i) >= 0;
            IP_FUTURE[i] = REGNAME[i];
            HEX[i] = (i >= '0' && i <= '9') || (i >= 'a' && i <= 'f') || (i >= 'A' && i <= 'F');
        }
        IP_FUTURE[':'] = true;
    }

    /** Root handler → its check; replaced whole on each change, read without a lock. */
    private static volatile Map<HttpHandler, HostCheck> checks = new IdentityHashMap<>();

    private static final HandlerWrapper WRAPPER =
            root -> {
                HostCheck check = checks.get(root);
                return check != null ? check : new HostHeaderHandler(root);
            };

    private static boolean installed;

    private final HttpHandler next;

    private HostCheck(HttpHandler next) {
        this.next = next;
    }

    /**
     * Checks {@code Host} in front of this root handler from now on; false if Undertow's wrapper
     * could not be replaced (its own check then runs, per request).
     */
    static synchronized boolean install(HttpHandler root) {
        if (!installed) {
            try {
                Field unsafeField = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
                unsafeField.setAccessible(true);
                sun.misc.Unsafe unsafe = (sun.misc.Unsafe) unsafeField.get(null);
                // Initialized first: its initializer would otherwise set the constant again.
                Class.forName(
                        HostHeaderHandler.class.getName(),
                        true,
                        HostHeaderHandler.class.getClassLoader());
                Field wrapper = HostHeaderHandler.class.getField("WRAPPER");
                unsafe.putObjectVolatile(
                        unsafe.staticFieldBase(wrapper),
                        unsafe.staticFieldOffset(wrapper),
                        WRAPPER);
                installed = HostHeaderHandler.WRAPPER == WRAPPER;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                log.debug("Undertow's Host check stays per request", e);
            }
            if (!installed) {
                return false;
            }
        }
        Map<HttpHandler, HostCheck> copy = new IdentityHashMap<>(checks);
        copy.put(root, new HostCheck(root));
        checks = copy;
        return true;
    }

    /** Forgets a root handler whose listener closed. */
    static synchronized void uninstall(HttpHandler root) {
        if (checks.containsKey(root)) {
            Map<HttpHandler, HostCheck> copy = new IdentityHashMap<>(checks);
            copy.remove(root);
            checks = copy;
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        AbsoluteFormHost.apply(exchange);
        String refusal = refusal(exchange);
        if (refusal == null) {
            next.handleRequest(exchange);
        } else {
            exchange.setStatusCode(StatusCodes.BAD_REQUEST);
            exchange.setResponseContentLength(0);
            exchange.getResponseHeaders().add(Headers.CONNECTION, Headers.CLOSE.toString());
            exchange.setReasonPhrase(refusal);
            exchange.endExchange();
        }
    }

    /** Why Undertow's {@code HostHeaderHandler} would refuse this request, or null. */
    static String refusal(HttpServerExchange exchange) {
        HeaderValues values = exchange.getRequestHeaders().get(Headers.HOST);
        HttpString protocol = exchange.getProtocol();
        if ((protocol.equals(Protocols.HTTP_0_9) || protocol.equals(Protocols.HTTP_1_0))
                && values == null) {
            return null;
        }
        if (values == null || values.size() == 0) {
            return HostHeaderHandler.STATUS_NO_HOST_HEADER;
        } else if (values.size() > 1) {
            return HostHeaderHandler.STATUS_TOO_MANY_HOST_HEADERS;
        }
        String value = values.element();
        int rightBracket = value.lastIndexOf(']');
        int lastColon = value.lastIndexOf(':');
        String host;
        if (rightBracket < lastColon) {
            if (rightBracket == -1 && value.startsWith("[")) {
                return HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL;
            }
            try {
                int port = Integer.parseInt(value.substring(lastColon + 1));
                if (port <= 0 || port > 65535) {
                    return HostHeaderHandler.STATUS_MALFORMED_PORT;
                }
            } catch (NumberFormatException e) {
                return HostHeaderHandler.STATUS_MALFORMED_PORT;
            }
            host = value.substring(0, lastColon);
        } else {
            host = value;
        }
        if (rightBracket > 0 && host.indexOf('[') != 0) {
            return HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL;
        } else if (rightBracket > 0) {
            String literal = host.substring(1, host.length() - 1);
            if (literal.startsWith("v")) {
                int dot = literal.indexOf('.');
                if (dot < 2) {
                    return HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL;
                }
                for (int i = 1; i < dot; i++) {
                    if (!HEX[literal.charAt(i)]) {
                        return HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL_BAD_CHARS;
                    }
                }
                if (dot + 1 >= literal.length()) {
                    return HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL;
                }
                for (int i = dot + 1; i < literal.length(); i++) {
                    if (!IP_FUTURE[literal.charAt(i)]) {
                        return HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL_BAD_CHARS;
                    }
                }
            } else if (!IP6_EXACT.matcher(literal).matches()) {
                return HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL;
            }
        } else {
            // A registered name (an IPv4 address is one too: digits and dots).
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c == '%') {
                    if (i + 2 < host.length()) {
                        char c1 = host.charAt(++i);
                        char c2 = host.charAt(++i);
                        if (!(HEX[c1] && HEX[c2])) {
                            return HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL_BAD_CHARS;
                        }
                    } else {
                        return HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL;
                    }
                } else if (!REGNAME[c]) {
                    return HostHeaderHandler.STATUS_MALFORMED_IP_LITERAL_BAD_CHARS;
                }
            }
        }
        if (exchange.isHostIncludedInRequestURI()
                && (!exchange.getRequestURI().contains(host) || host.isEmpty())) {
            return HostHeaderHandler.STATUS_HOST_NO_MATCH;
        }
        return null;
    }
}
