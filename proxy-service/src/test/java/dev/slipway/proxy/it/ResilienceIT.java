package dev.slipway.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.proxy.PortInUseException;
import dev.slipway.proxy.ProxyConfig;
import dev.slipway.proxy.ProxyServer;
import dev.slipway.proxy.ProxyTuning;
import dev.slipway.testing.S3ServerExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures of the bucket, of clients and of the port: each costs only what it must. */
class ResilienceIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();

    @Test
    void keepsServingCachedSitesWhileS3IsDownAndRecoversWithoutRestart() throws Exception {
        SiteFixture.site(s3.client(), s3.bucket(), "warm")
                .file("index.html", "<h1>warm</h1>")
                .file("later.txt", "not fetched yet")
                .publish();
        SiteFixture.site(s3.client(), s3.bucket(), "cold")
                .file("index.html", "<h1>cold</h1>")
                .publish();
        ProxyTuning tuning =
                ProxyFixture.tuning()
                        .withPointerTtls(Duration.ofMillis(200), Duration.ofMillis(200));
        try (ProxyServer proxy = ProxyFixture.start(s3, null, tuning)) {
            Http http = new Http(proxy.port());
            assertThat(http.get("warm.localhost", "/").statusCode()).isEqualTo(200);

            s3.stop();
            try {
                Thread.sleep(300); // past the pointer's time-to-live: its refresh fails, the known
                // pointer stays
                for (int i = 0; i < 5; i++) {
                    HttpResponse<byte[]> warm = http.get("warm.localhost", "/");
                    assertThat(warm.statusCode()).isEqualTo(200);
                    assertThat(new String(warm.body(), StandardCharsets.UTF_8))
                            .isEqualTo("<h1>warm</h1>");
                }
                HttpResponse<byte[]> cold = http.get("cold.localhost", "/");
                assertThat(cold.statusCode()).isEqualTo(502);
                assertThat(new String(cold.body(), StandardCharsets.UTF_8))
                        .contains("Storage not answering");
                assertThat(cold.headers().firstValue("Cache-Control")).hasValue("no-store");
                assertThat(http.get("warm.localhost", "/later.txt").statusCode()).isEqualTo(502);
            } finally {
                s3.start();
            }

            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(
                            () ->
                                    assertThat(http.get("cold.localhost", "/").statusCode())
                                            .isEqualTo(200));
            assertThat(
                            new String(
                                    http.get("warm.localhost", "/later.txt").body(),
                                    StandardCharsets.UTF_8))
                    .isEqualTo("not fetched yet");
        }
    }

    @Test
    void answersSlowStorageWith502WithinTheTimeoutWhileCachedSitesStayFast() throws Exception {
        SiteFixture.site(s3.client(), s3.bucket(), "fast")
                .file("index.html", "<h1>fast</h1>")
                .publish();
        SiteFixture.site(s3.client(), s3.bucket(), "slow")
                .file("index.html", "<h1>slow</h1>")
                .publish();
        try (TcpRelay relay = new TcpRelay(s3.port());
                ProxyServer proxy =
                        ProxyServer.start(
                                new ProxyConfig(
                                        0,
                                        "127.0.0.1",
                                        "localhost",
                                        s3.bucket(),
                                        relay.endpoint(),
                                        S3ServerExtension.REGION,
                                        null,
                                        16L << 20),
                                ProxyFixture.credentials(),
                                ProxyFixture.tuning().withStorageTimeout(Duration.ofSeconds(1)))) {
            Http http = new Http(proxy.port());
            assertThat(http.get("fast.localhost", "/").statusCode()).isEqualTo(200);

            relay.stall(true);
            long start = System.nanoTime();
            HttpResponse<byte[]> slow = http.get("slow.localhost", "/");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(slow.statusCode()).isEqualTo(502);
            assertThat(millis)
                    .as("the 502 comes after the storage timeout, not at the client's 20 s")
                    .isBetween(900L, 10_000L);

            long fastStart = System.nanoTime();
            assertThat(http.get("fast.localhost", "/").statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - fastStart) / 1_000_000)
                    .as("a cached site does not wait for the stalled storage's 1 s timeout")
                    .isLessThan(1_000L);

            relay.stall(false);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(http.get("slow.localhost", "/").statusCode())
                                            .isEqualTo(200));
        }
    }

    @Test
    void cacheHitMakesNoS3RequestAndMissMakesExactlyOneGet() {
        SiteFixture.site(s3.client(), s3.bucket(), "counted")
                .gzipVariants(true)
                .file("index.html", "<h1>counted</h1>")
                .file("a.txt", "a")
                .file("app.js", "let x = 1;\n".repeat(500))
                .brotliVariant("app.js", "br".getBytes(StandardCharsets.UTF_8))
                .publish();
        // Pointers trusted for long, so no background refresh of the project record adds a request.
        ProxyTuning tuning =
                ProxyFixture.tuning().withPointerTtls(Duration.ofMinutes(5), Duration.ofMinutes(5));
        try (ProxyServer proxy = ProxyFixture.start(s3, null, tuning)) {
            Http http = new Http(proxy.port());
            long before = proxy.metrics().s3Requests("GetObject");
            assertThat(http.get("counted.localhost", "/").statusCode()).isEqualTo(200);
            assertThat(proxy.metrics().s3Requests("GetObject") - before)
                    .as("a cold site: project record, manifest, file")
                    .isEqualTo(3);

            long warm = proxy.metrics().s3Requests("GetObject");
            assertThat(http.get("counted.localhost", "/a.txt").statusCode()).isEqualTo(200);
            assertThat(proxy.metrics().s3Requests("GetObject") - warm)
                    .as("a file miss")
                    .isEqualTo(1);

            long variant = proxy.metrics().s3Requests("GetObject");
            HttpResponse<byte[]> br =
                    http.get("counted.localhost", "/app.js", "Accept-Encoding", "gzip, br");
            assertThat(br.headers().firstValue("Content-Encoding")).hasValue("br");
            assertThat(proxy.metrics().s3Requests("GetObject") - variant)
                    .as("a precompressed variant miss")
                    .isEqualTo(1);

            long hits = proxy.metrics().s3Requests("GetObject");
            for (int i = 0; i < 20; i++) {
                assertThat(http.get("counted.localhost", "/").statusCode()).isEqualTo(200);
                assertThat(http.get("counted.localhost", "/a.txt").statusCode()).isEqualTo(200);
                assertThat(
                                http.get(
                                                "counted.localhost",
                                                "/app.js",
                                                "Accept-Encoding",
                                                "gzip, br")
                                        .statusCode())
                        .isEqualTo(200);
                assertThat(http.get("counted.localhost", "/missing.png").statusCode())
                        .isEqualTo(404);
            }
            assertThat(proxy.metrics().s3Requests("GetObject") - hits)
                    .as("hits and manifest misses")
                    .isZero();
            String metrics = proxy.metrics().scrape();
            assertThat(metrics)
                    .contains("slipway_proxy_cache_requests_total{kind=\"blob\",result=\"hit\"}")
                    .contains("slipway_proxy_s3_latency_seconds")
                    .contains("slipway_proxy_cache_bytes")
                    .contains("slipway_proxy_requests_total{status=\"404\"}");
        }
    }

    @Test
    void writesOneStructuredAccessLogLinePerRequestWithoutTheQuery() {
        SiteFixture.site(s3.client(), s3.bucket(), "logged")
                .file("index.html", "<h1>logged</h1>")
                .publish();
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ProxyServer proxy =
                ProxyFixture.start(s3, null, ProxyFixture.tuning().withAccessLog(lines::addAll))) {
            Http http = new Http(proxy.port());
            http.get("logged.localhost", "/?token=secret");
            http.get("logged.localhost", "/%22quoted%22");
            http.send("POST", "logged.localhost", "/");
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.size() >= 3);
        }
        java.util.List<com.google.gson.JsonObject> entries =
                lines.stream()
                        .map(l -> com.google.gson.JsonParser.parseString(l).getAsJsonObject())
                        .toList();
        // Lines of different IO threads are written batch by batch, not in request order.
        assertThat(entries)
                .extracting(e -> e.get("status").getAsInt())
                .containsExactlyInAnyOrder(200, 404, 405);
        java.util.function.IntFunction<com.google.gson.JsonObject> byStatus =
                status ->
                        entries.stream()
                                .filter(e -> e.get("status").getAsInt() == status)
                                .findFirst()
                                .orElseThrow();
        assertThat(byStatus.apply(200).get("host").getAsString()).isEqualTo("logged.localhost");
        assertThat(byStatus.apply(200).get("path").getAsString()).isEqualTo("/");
        assertThat(byStatus.apply(200).get("cache").getAsString()).isEqualTo("miss");
        assertThat(byStatus.apply(200).get("bytes").getAsLong())
                .isEqualTo("<h1>logged</h1>".length());
        assertThat(byStatus.apply(200).has("ms")).isTrue();
        assertThat(byStatus.apply(200).get("remote").getAsString()).isEqualTo("127.0.0.1");
        assertThat(byStatus.apply(404).get("path").getAsString()).isEqualTo("/%22quoted%22");
        assertThat(byStatus.apply(405).get("method").getAsString()).isEqualTo("POST");
        assertThat(String.join("\n", lines)).doesNotContain("secret");
    }

    @Test
    void streamsALargeFileToAStalledClientWithoutHoldingUpOthers() throws Exception {
        byte[] big = new byte[4 * 1024 * 1024];
        new java.util.Random(3).nextBytes(big);
        SiteFixture.site(s3.client(), s3.bucket(), "large")
                .file("index.html", "<h1>large</h1>")
                .file("video.bin", big)
                .publish();
        try (ProxyServer proxy = ProxyFixture.start(s3, null, ProxyFixture.tuning())) {
            Http http = new Http(proxy.port());
            java.util.List<Socket> stalled = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
                    socket.setReceiveBufferSize(4096);
                    socket.getOutputStream()
                            .write(
                                    "GET /video.bin HTTP/1.1\r\nHost: large.localhost\r\n\r\n"
                                            .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    stalled.add(socket); // never read: the proxy must wait for it without blocking
                    // anyone else
                }
                for (int i = 0; i < 20; i++) {
                    HttpResponse<byte[]> other = http.get("large.localhost", "/");
                    assertThat(other.statusCode()).isEqualTo(200);
                }
                HttpResponse<byte[]> whole = http.get("large.localhost", "/video.bin");
                assertThat(whole.statusCode()).isEqualTo(200);
                assertThat(whole.body()).isEqualTo(big);
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
            assertThat(http.get("large.localhost", "/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesAPortInUseWithAMessageNamingItAndHowToChangeIt() {
        try (ProxyServer first = ProxyFixture.start(s3, null, ProxyFixture.tuning())) {
            ProxyConfig same = ProxyFixture.config(s3, null).withPort(first.port());
            assertThatThrownBy(
                            () ->
                                    ProxyServer.start(
                                            same,
                                            ProxyFixture.credentials(),
                                            ProxyFixture.tuning()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + first.port())
                    .hasMessageContaining("PORT=")
                    .hasMessageContaining("--port");
        }
    }

    @Test
    void releasesThePortOnClose() {
        int port;
        try (ProxyServer first = ProxyFixture.start(s3, null, ProxyFixture.tuning())) {
            port = first.port();
        }
        try (ProxyServer again =
                ProxyServer.start(
                        ProxyFixture.config(s3, null).withPort(port),
                        ProxyFixture.credentials(),
                        ProxyFixture.tuning())) {
            assertThat(again.port()).isEqualTo(port);
            assertThat(new Http(port).get("x", "/_slipway/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closesConnectionsOfClientsTooSlowToSendTheirHeaders() throws Exception {
        ProxyTuning tuning =
                ProxyFixture.tuning().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
        try (ProxyServer proxy = ProxyFixture.start(s3, null, tuning);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(8_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: slow".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            byte[] rest = in.readAllBytes();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis)
                    .as("closed by the server, not by our read timeout")
                    .isLessThan(6_000L);
            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("200 OK");
        }
    }

    /**
     * A file-cached body goes by {@code sendfile} under the cork: a client that reads slowly
     * through a small window (so that writes are partial) still gets every byte of every pipelined
     * response, a range across the first 16 KiB and a HEAD among them.
     */
    @Test
    void sendsFileCachedBodiesExactlyToASlowReader() throws Exception {
        byte[] big = new byte[1024 * 1024];
        new java.util.Random(5).nextBytes(big);
        int mark = 16 * 1024;
        SiteFixture.site(s3.client(), s3.bucket(), "slowread").file("big.bin", big).publish();
        ProxyTuning tuning = ProxyFixture.tuning().withMaxCachedFileBytes(2 * 1024 * 1024);
        try (ProxyServer proxy = ProxyFixture.start(s3, null, tuning);
                Socket socket = new Socket()) {
            Http http = new Http(proxy.port());
            assertThat(http.get("slowread.localhost", "/big.bin").body()).isEqualTo(big);
            socket.setReceiveBufferSize(4096);
            socket.connect(
                    new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()));
            String host = "Host: slowread.localhost\r\n";
            String across = "bytes=" + (mark - 100) + "-" + (mark + 99);
            socket.getOutputStream()
                    .write(
                            ("GET /big.bin HTTP/1.1\r\n"
                                            + host
                                            + "\r\n"
                                            + "GET /big.bin HTTP/1.1\r\n"
                                            + host
                                            + "Range: "
                                            + across
                                            + "\r\n\r\n"
                                            + "GET /big.bin HTTP/1.1\r\n"
                                            + host
                                            + "Range: bytes=1-\r\n\r\n"
                                            + "HEAD /big.bin HTTP/1.1\r\n"
                                            + host
                                            + "\r\n"
                                            + "GET /big.bin HTTP/1.1\r\n"
                                            + host
                                            + "Connection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.ISO_8859_1));
            Thread.sleep(300); // let the proxy fill the window and wait
            InputStream in =
                    new java.io.BufferedInputStream(new SlowStream(socket.getInputStream()));
            assertThat(readResponse(in, true)).isEqualTo(big);
            assertThat(readResponse(in, true))
                    .isEqualTo(java.util.Arrays.copyOfRange(big, mark - 100, mark + 100));
            assertThat(readResponse(in, true))
                    .isEqualTo(java.util.Arrays.copyOfRange(big, 1, big.length));
            assertThat(readResponse(in, false)).as("HEAD: no body").isEmpty();
            assertThat(readResponse(in, true)).isEqualTo(big);
            assertThat(in.read()).as("closed after the last response").isEqualTo(-1);
        }
    }

    /**
     * A stalled reader of a file-cached body (sent with {@code sendfile}, not streamed) is cut by
     * the write timeout, and the proxy serves the same body to others meanwhile.
     */
    @Test
    void cutsAStalledReaderOfAFileCachedBodyByTheWriteTimeout() throws Exception {
        byte[] big = new byte[6 * 1024 * 1024];
        new java.util.Random(6).nextBytes(big);
        SiteFixture.site(s3.client(), s3.bucket(), "stallcached").file("big.bin", big).publish();
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProxyTuning tuning =
                ProxyFixture.tuning()
                        .withMaxCachedFileBytes(8 * 1024 * 1024)
                        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1))
                        .withAccessLog(lines::addAll);
        try (ProxyServer proxy = ProxyFixture.start(s3, null, tuning);
                Socket socket = new Socket()) {
            Http http = new Http(proxy.port());
            assertThat(http.get("stallcached.localhost", "/big.bin").body()).isEqualTo(big);
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() == 1);
            socket.setReceiveBufferSize(4096);
            socket.connect(
                    new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()));
            socket.getOutputStream()
                    .write(
                            "GET /big.bin HTTP/1.1\r\nHost: stallcached.localhost\r\n\r\n"
                                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] head = new byte[1024];
            assertThat(socket.getInputStream().read(head)).isPositive();
            // Stop reading: the proxy must give up on this client by its write timeout (3 s).
            assertThat(http.get("stallcached.localhost", "/big.bin").body()).isEqualTo(big);
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.size() == 3);
            // The slowest of the two later responses is the stalled one.
            java.util.function.ToDoubleFunction<String> msOf =
                    l -> Double.parseDouble(l.replaceAll(".*\"ms\":([0-9.]+).*", "$1"));
            String line =
                    msOf.applyAsDouble(lines.get(1)) > msOf.applyAsDouble(lines.get(2))
                            ? lines.get(1)
                            : lines.get(2);
            assertThat(msOf.applyAsDouble(line)).as(line).isBetween(2_500.0, 12_000.0);
            assertThat(line).doesNotContain("\"bytes\":" + big.length);
            long sent = 0;
            byte[] rest = new byte[64 * 1024];
            socket.setSoTimeout(10_000);
            try {
                for (int n; (n = socket.getInputStream().read(rest)) > 0; ) {
                    sent += n;
                }
            } catch (java.net.SocketException reset) {
                // Cut: a reset is as good as an end.
            }
            assertThat(sent).as("cut before the end").isLessThan(big.length);
        }
    }

    /** A response's body after its headers (none when {@code body} is false), by Content-Length. */
    private static byte[] readResponse(InputStream in, boolean body) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            assertThat(c).as("headers end before the stream: " + head).isNotNegative();
            head.append((char) c);
        }
        long length = -1;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        assertThat(length).as(head.toString()).isNotNegative();
        if (!body) {
            return new byte[0];
        }
        return in.readNBytes((int) length);
    }

    /** Reads at most 1 KiB at a time, pausing now and then, as a slow client does. */
    private static final class SlowStream extends java.io.FilterInputStream {
        private int reads;

        SlowStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (++reads % 64 == 0) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            return super.read(b, off, Math.min(len, 1024));
        }
    }

    @Test
    void cutsAStalledReaderOfAStreamedFileByTheIdleTimeoutNotTheStorageTimeout() throws Exception {
        byte[] big = new byte[24 * 1024 * 1024];
        new java.util.Random(3).nextBytes(big);
        SiteFixture.site(s3.client(), s3.bucket(), "stall").file("big.bin", big).publish();
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProxyTuning tuning =
                ProxyFixture.tuning()
                        .withStorageTimeout(Duration.ofSeconds(1))
                        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1))
                        .withAccessLog(lines::addAll);
        try (ProxyServer proxy = ProxyFixture.start(s3, null, tuning);
                Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(
                    new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()));
            socket.getOutputStream()
                    .write(
                            "GET /big.bin HTTP/1.1\r\nHost: stall.localhost\r\n\r\n"
                                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] head = new byte[1024];
            assertThat(socket.getInputStream().read(head)).isPositive();
            // Stop reading: the proxy must give up on this client by its idle timeout (3 s), not
            // by the S3 read timeout, and not hold the S3 read open forever.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> lines.stream().anyMatch(l -> l.contains("/big.bin")));
            String line =
                    lines.stream().filter(l -> l.contains("/big.bin")).findFirst().orElseThrow();
            double ms = Double.parseDouble(line.replaceAll(".*\"ms\":([0-9.]+).*", "$1"));
            assertThat(ms).as(line).isBetween(2_500.0, 12_000.0);
            assertThat(line).doesNotContain("\"bytes\":" + big.length);
        }
    }
}
