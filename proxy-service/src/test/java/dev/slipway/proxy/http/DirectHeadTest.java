package dev.slipway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Protocols;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DirectHeadTest {

    @Test
    void isAvailableWithTheJvmOptionsOfTheImage() {
        // The tests run with --add-opens java.base/sun.nio.ch, as the image does.
        assertThat(DirectHead.available()).isTrue();
    }

    @Test
    void writesTheStatusLineAndEveryHeaderValueInTheMapsOrder() {
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setProtocol(Protocols.HTTP_1_1);
        exchange.setStatusCode(206);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/javascript");
        exchange.getResponseHeaders().add(new HttpString("X-Two"), "a");
        exchange.getResponseHeaders().add(new HttpString("X-Two"), "b");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 10);
        StringBuilder expected = new StringBuilder("HTTP/1.1 206 Partial Content\r\n");
        for (HeaderValues values : exchange.getResponseHeaders()) {
            for (String value : values) {
                expected.append(values.getHeaderName()).append(": ").append(value).append("\r\n");
            }
        }
        expected.append("\r\n");
        byte[] out = new byte[1024];
        int length = DirectHead.serialize(exchange, out);
        String head = new String(out, 0, length, StandardCharsets.ISO_8859_1);
        assertThat(head).isEqualTo(expected.toString());
        assertThat(head)
                .contains("\r\nContent-Type: text/javascript\r\n")
                .contains("\r\nX-Two: a\r\nX-Two: b\r\n")
                .contains("\r\nContent-Length: 10\r\n")
                .hasLineCount(6);
    }

    @Test
    void keepsEachCharactersLowByteAsUndertowDoes() {
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setProtocol(Protocols.HTTP_1_0);
        exchange.setStatusCode(200);
        exchange.setReasonPhrase("Fine");
        exchange.getResponseHeaders().put(new HttpString("X-Name"), "caf\u00e9 \u20ac");
        byte[] out = new byte[1024];
        int length = DirectHead.serialize(exchange, out);
        byte[] expected =
                ("HTTP/1.0 200 Fine\r\nX-Name: caf\u00e9 " + (char) 0xac + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(java.util.Arrays.copyOf(out, length)).isEqualTo(expected);
    }

    @Test
    void refusesAHeadLargerThanItsBuffer() {
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setProtocol(Protocols.HTTP_1_1);
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(new HttpString("X-Big"), "v".repeat(100));
        assertThat(DirectHead.serialize(exchange, new byte[64])).isEqualTo(-1);
        assertThat(DirectHead.serialize(exchange, new byte[200])).isGreaterThan(100);
    }
}
