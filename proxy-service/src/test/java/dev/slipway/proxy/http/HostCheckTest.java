package dev.slipway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.HostHeaderHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Protocols;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proxy's Host check gives the verdict of Undertow's {@code HostHeaderHandler} behind {@link
 * AbsoluteFormHost} (the proxy's behaviour before it) on every input.
 */
class HostCheckTest {

    static Stream<String> hosts() {
        return Stream.of(
                "spa.localhost",
                "SPA.LocalHost:8000",
                "spa.localhost:abc",
                "spa.localhost:0",
                "spa.localhost:65535",
                "spa.localhost:65536",
                "spa.localhost:99999999",
                "",
                ":80",
                "spa..localhost",
                "-spa.localhost",
                "sp\u00e4.localhost",
                "a b",
                "a%2",
                "a%2g.localhost",
                "a%20b",
                "127.0.0.1",
                "127.0.0.1:8080",
                "256.1.1.1",
                "1.2.3",
                "[::1]",
                "[::1]:80",
                "[::1",
                "::1]",
                "1:2:4]x",
                "[v1.abc]",
                "[v.abc]",
                "[vz.abc]",
                "[v1.]",
                "[v1.a b]",
                "[fe80::1:2:3:4]",
                "[gg::1]",
                "user@host",
                "a,b;c=d",
                "x:y:z");
    }

    @ParameterizedTest(name = "Host: {0}")
    @MethodSource("hosts")
    void givesUndertowsVerdict(String host) throws Exception {
        for (HttpString protocol : List.of(Protocols.HTTP_1_1, Protocols.HTTP_1_0)) {
            assertThat(ours(protocol, List.of(host), null))
                    .as("%s %s", protocol, host)
                    .isEqualTo(undertows(protocol, List.of(host), null));
            assertThat(ours(protocol, List.of(host), "http://" + host + "/x"))
                    .isEqualTo(undertows(protocol, List.of(host), "http://" + host + "/x"));
            assertThat(ours(protocol, List.of(host), "http://other.example/x"))
                    .isEqualTo(undertows(protocol, List.of(host), "http://other.example/x"));
        }
    }

    @Test
    void givesUndertowsVerdictOnMissingAndRepeatedHosts() throws Exception {
        for (HttpString protocol :
                List.of(Protocols.HTTP_1_1, Protocols.HTTP_1_0, Protocols.HTTP_0_9)) {
            for (List<String> hosts :
                    List.of(List.<String>of(), List.of("a", "b"), List.of("a", "a"))) {
                assertThat(ours(protocol, hosts, null))
                        .as("%s %s", protocol, hosts)
                        .isEqualTo(undertows(protocol, hosts, null));
            }
        }
    }

    @Test
    void givesUndertowsVerdictOnRandomHosts() throws Exception {
        Random random = new Random(16);
        String alphabet = "ab09.-_~%:[]v!;=@ /\u00e4fF";
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            hosts.add(s.toString());
        }
        for (String host : hosts) {
            assertThat(ours(Protocols.HTTP_1_1, List.of(host), null))
                    .as(host)
                    .isEqualTo(undertows(Protocols.HTTP_1_1, List.of(host), null));
        }
    }

    @Test
    void takesUndertowsPlaceForARegisteredRootOnly() {
        io.undertow.server.HttpHandler root = ex -> {};
        io.undertow.server.HttpHandler other = ex -> {};
        assertThat(HostCheck.install(root)).isTrue();
        try {
            assertThat(HostHeaderHandler.WRAPPER.wrap(root))
                    .isInstanceOf(HostCheck.class)
                    .isSameAs(HostHeaderHandler.WRAPPER.wrap(root));
            assertThat(HostHeaderHandler.WRAPPER.wrap(other)).isInstanceOf(HostHeaderHandler.class);
        } finally {
            HostCheck.uninstall(root);
        }
        assertThat(HostHeaderHandler.WRAPPER.wrap(root)).isInstanceOf(HostHeaderHandler.class);
    }

    private static HttpServerExchange exchange(
            HttpString protocol, List<String> hosts, String uri) {
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setProtocol(protocol);
        for (String h : hosts) {
            exchange.getRequestHeaders().add(Headers.HOST, h);
        }
        if (uri != null) {
            exchange.setRequestURI(uri, true);
        } else {
            exchange.setRequestURI("/x");
        }
        return exchange;
    }

    /** null when the request passes, else Undertow's reason phrase. */
    private static String undertows(HttpString protocol, List<String> hosts, String uri)
            throws Exception {
        HttpServerExchange exchange = exchange(protocol, hosts, uri);
        AbsoluteFormHost.apply(exchange);
        boolean[] passed = {false};
        try {
            new HostHeaderHandler(ex -> passed[0] = true).handleRequest(exchange);
        } catch (NullPointerException ending) {
            // endExchange() of a 400 needs a connection; the verdict is already set.
        }
        return passed[0] ? null : exchange.getReasonPhrase();
    }

    private static String ours(HttpString protocol, List<String> hosts, String uri) {
        HttpServerExchange exchange = exchange(protocol, hosts, uri);
        AbsoluteFormHost.apply(exchange);
        return HostCheck.refusal(exchange);
    }
}
