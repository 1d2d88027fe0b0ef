package dev.slipway.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.core.deployment.DeploymentHost;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.routes.Routes;
import dev.slipway.proxy.ProxyServer;
import dev.slipway.testing.S3ServerExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every routing, resolution and header rule of contract section 9, as a table, over real HTTP
 * against a real S3-compatible server holding sites written in the contract's layout.
 */
class ServingMatrixIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();

    static ProxyServer proxy;
    static Http http;

    static final Map<String, byte[]> FILES = new LinkedHashMap<>();
    static final String HASHED_JS = "assets/index-DsBhw8EC.js";
    static final String INDEX = "<!doctype html><title>spa shell</title>" + "x".repeat(1200);
    static final String BR_BYTES = "pretend-brotli-bytes";
    static final Instant FINISHED = Instant.parse("2026-11-27T20:30:00Z");
    static final String FINISHED_HTTP = "Fri, 27 Nov 2026 20:30:00 GMT";
    static DeploymentId staticPreview;
    static final java.util.List<String> ACCESS_LOG =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void publishSitesAndStart() {
        String js = "console.log('bundle');\n".repeat(400);
        byte[] big = new byte[200 * 1024];
        new Random(7).nextBytes(big);
        String bigJs = "export const a = 1;\n".repeat(10_000);
        // Cached in a file (32 KiB to 64 KiB here) and sent with sendfile.
        byte[] mid = new byte[40 * 1024];
        new Random(11).nextBytes(mid);
        FILES.put("index.html", INDEX.getBytes(StandardCharsets.UTF_8));
        FILES.put(HASHED_JS, js.getBytes(StandardCharsets.UTF_8));
        FILES.put("assets/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        FILES.put("blog.html", "<h1>blog</h1>".getBytes(StandardCharsets.UTF_8));
        FILES.put("guide/index.html", "<h1>guide</h1>".getBytes(StandardCharsets.UTF_8));
        FILES.put("files/hello world.txt", "space".getBytes(StandardCharsets.UTF_8));
        FILES.put("files/a+b.txt", "plus".getBytes(StandardCharsets.UTF_8));
        FILES.put("files/user@host.txt", "at".getBytes(StandardCharsets.UTF_8));
        FILES.put("files/ünïcødé.txt", "unicode".getBytes(StandardCharsets.UTF_8));
        FILES.put("robots.txt", "User-agent: *\n".getBytes(StandardCharsets.UTF_8));
        FILES.put("empty.txt", new byte[0]);
        FILES.put("data/big.bin", big);
        FILES.put("data/big.js", bigJs.getBytes(StandardCharsets.UTF_8));
        FILES.put("data/mid.bin", mid);
        FILES.put("user/john.doe", "dotted".getBytes(StandardCharsets.UTF_8));

        SiteFixture spa =
                SiteFixture.site(s3.client(), s3.bucket(), "spa").spa(true).gzipVariants(true);
        FILES.forEach(spa::file);
        spa.brotliVariant(HASHED_JS, BR_BYTES.getBytes(StandardCharsets.UTF_8));
        spa.publish();

        SiteFixture.site(s3.client(), s3.bucket(), "spa404")
                .spa(true)
                .file("index.html", INDEX)
                .file("404.html", "<h1>custom 404</h1>")
                .publish();
        SiteFixture.site(s3.client(), s3.bucket(), "static")
                .spa(false)
                .file("index.html", "<h1>home</h1>")
                .file("404.html", "<h1>custom 404</h1>")
                .file("about.html", "<h1>about</h1>")
                .publish();
        SiteFixture.site(s3.client(), s3.bucket(), "bare")
                .spa(false)
                .file("index.html", "<h1>bare</h1>")
                .publish();
        SiteFixture.makeLive(s3.client(), s3.bucket(), "fresh", null);
        SiteFixture.site(s3.client(), s3.bucket(), "semi")
                .spa(true)
                .file("index.html", INDEX)
                .file("semi;colon.html", "<h1>semicolon</h1>")
                .file("about.html", "<h1>about</h1>")
                .finishedAt(FINISHED)
                .publish();
        SiteFixture.site(s3.client(), s3.bucket(), "docs")
                .spa(false)
                .basePath("/docs")
                .file("index.html", "<h1>docs home</h1>")
                .file("guide.html", "<h1>docs guide</h1>")
                .file("404.html", "<h1>docs 404</h1>")
                .publish();
        SiteFixture.site(s3.client(), s3.bucket(), "routed")
                .spa(false)
                .file("index.html", "<h1>routed home</h1>")
                .file("about.html", "<h1>routed about</h1>")
                .file("shadow.html", "<h1>shadow file</h1>")
                .file("forced.html", "<h1>forced file</h1>")
                .file("404.html", "<h1>routed 404</h1>")
                .file("assets/app.css", "body{}")
                .file("new/hello world", "moved")
                .routes(
                        new Routes(
                                List.of(
                                        new Routes.Redirect("/old/:slug", "/new/:slug", 301, false),
                                        new Routes.Redirect(
                                                "/ext/*", "https://example.com/:splat", 302, false),
                                        new Routes.Redirect("/app/*", "/index.html", 200, false),
                                        new Routes.Redirect("/gone", "/404.html", 404, false),
                                        new Routes.Redirect("/shadow", "/index.html", 200, false),
                                        new Routes.Redirect("/forced", "/index.html", 200, true)),
                                List.of(
                                        new Routes.HeaderRule(
                                                "/assets/*",
                                                List.of(new Routes.Header("X-Test", "assets"))),
                                        new Routes.HeaderRule(
                                                "/*",
                                                List.of(
                                                        new Routes.Header(
                                                                "X-Frame-Options", "DENY"),
                                                        new Routes.Header("Content-Length", "1")))),
                                true,
                                null))
                .publish();
        SiteFixture.site(s3.client(), s3.bucket(), "slashy")
                .spa(false)
                .file("index.html", "<h1>slashy home</h1>")
                .file("about.html", "<h1>slashy about</h1>")
                .routes(new Routes(List.of(), List.of(), null, true))
                .publish();
        SiteFixture.site(s3.client(), s3.bucket(), "noslash")
                .spa(false)
                .file("index.html", "<h1>noslash home</h1>")
                .file("guide/index.html", "<h1>noslash guide</h1>")
                .routes(new Routes(List.of(), List.of(), null, false))
                .publish();
        staticPreview =
                SiteFixture.site(s3.client(), s3.bucket(), "static")
                        .spa(false)
                        .preview(true)
                        .file("index.html", "<h1>static preview</h1>")
                        .upload();
        SiteFixture.addDomain(s3.client(), s3.bucket(), "www.example.org", "static");
        SiteFixture.addDomain(s3.client(), s3.bucket(), "docs.example.org", "docs");

        proxy =
                ProxyServer.start(
                        ProxyFixture.config(s3, null).withAdminPort(0),
                        ProxyFixture.credentials(),
                        ProxyFixture.tuning().withAccessLog(ACCESS_LOG::addAll));
        http = new Http(proxy.port());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** One row of the table: a request and what must come back. */
    record Case(
            String name,
            String method,
            String host,
            String path,
            List<String> headers,
            int status,
            byte[] body,
            String bodyContains,
            Map<String, String> expectHeaders) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final class CaseBuilder {
        final String name;
        String method = "GET";
        String host = "spa.localhost";
        String path = "/";
        final List<String> headers = new ArrayList<>();
        int status = 200;
        byte[] body;
        String contains;
        final Map<String, String> expect = new LinkedHashMap<>();

        CaseBuilder(String name) {
            this.name = name;
        }

        CaseBuilder req(String method, String host, String path) {
            this.method = method;
            this.host = host;
            this.path = path;
            return this;
        }

        CaseBuilder get(String host, String path) {
            return req("GET", host, path);
        }

        CaseBuilder with(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        CaseBuilder status(int s) {
            this.status = s;
            return this;
        }

        CaseBuilder body(String fixturePath) {
            this.body = FILES.get(fixturePath);
            return this;
        }

        CaseBuilder bodyText(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        CaseBuilder bodySlice(String fixturePath, int from, int to) {
            this.body = Arrays.copyOfRange(FILES.get(fixturePath), from, to);
            return this;
        }

        CaseBuilder contains(String text) {
            this.contains = text;
            return this;
        }

        /** Expects a header value; null means the header must be absent. */
        CaseBuilder header(String name, String value) {
            expect.put(name, value);
            return this;
        }

        Case build() {
            return new Case(
                    name, method, host, path, List.copyOf(headers), status, body, contains, expect);
        }
    }

    static CaseBuilder c(String name) {
        return new CaseBuilder(name);
    }

    static String etag(String path) {
        return "\"" + SiteFixture.sha256(FILES.get(path)) + "\"";
    }

    static final String TEXT_HTML = "text/html; charset=utf-8";
    static final String REVALIDATE = "public, max-age=0, must-revalidate";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /**
     * A mark inside a file-cached body: one pooled buffer, what an uncorked transfer reads and
     * writes with the headers before the file.
     */
    static final int PREFIX = 16 * 1024;

    static Stream<Case> cases() {
        return Stream.of(
                // Resolution.
                c("root serves index.html")
                        .get("spa.localhost", "/")
                        .body("index.html")
                        .header("Content-Type", TEXT_HTML)
                        .header("Cache-Control", REVALIDATE)
                        .header("X-Content-Type-Options", "nosniff")
                        .header("ETag", etag("index.html"))
                        .build(),
                c("exact file")
                        .get("spa.localhost", "/robots.txt")
                        .body("robots.txt")
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .build(),
                c("folder index").get("spa.localhost", "/guide/").body("guide/index.html").build(),
                c("clean URL serves P.html")
                        .get("spa.localhost", "/blog")
                        .body("blog.html")
                        .build(),
                c("folder without slash redirects 308 keeping the query")
                        .get("spa.localhost", "/guide?x=1&y=%20")
                        .status(308)
                        .header("Location", "/guide/?x=1&y=%20")
                        .build(),
                c("exact file wins over SPA")
                        .get("spa.localhost", "/user/john.doe")
                        .body("user/john.doe")
                        .build(),
                c("SPA navigation gets the shell")
                        .get("spa.localhost", "/dashboard/settings")
                        .body("index.html")
                        .header("Cache-Control", REVALIDATE)
                        .build(),
                c("SPA missing asset is a 404, never the shell")
                        .get("spa.localhost", "/app.js")
                        .status(404)
                        .contains("Page not found")
                        .build(),
                c("SPA missing dotted route is a 404")
                        .get("spa.localhost", "/user/jane.doe")
                        .status(404)
                        .contains("Page not found")
                        .build(),
                c("SPA with 404.html: missing asset gets the site's 404.html")
                        .get("spa404.localhost", "/app.js")
                        .status(404)
                        .bodyText("<h1>custom 404</h1>")
                        .build(),
                c("SPA with 404.html: navigation still gets the shell")
                        .get("spa404.localhost", "/deep/route")
                        .status(200)
                        .bodyText(INDEX)
                        .build(),
                c("non-SPA: clean URL")
                        .get("static.localhost", "/about")
                        .bodyText("<h1>about</h1>")
                        .build(),
                c("non-SPA: missing page gets 404.html with 404")
                        .get("static.localhost", "/nope")
                        .status(404)
                        .bodyText("<h1>custom 404</h1>")
                        .header("Content-Type", TEXT_HTML)
                        .build(),
                c("non-SPA without 404.html: built-in 404")
                        .get("bare.localhost", "/nope")
                        .status(404)
                        .contains("Page not found")
                        .build(),
                c("non-SPA trailing slash without index: 404")
                        .get("static.localhost", "/about/")
                        .status(404)
                        .bodyText("<h1>custom 404</h1>")
                        .build(),
                // Names.
                c("%20 in a name")
                        .get("spa.localhost", "/files/hello%20world.txt")
                        .body("files/hello world.txt")
                        .build(),
                c("+ in a name stays a plus")
                        .get("spa.localhost", "/files/a+b.txt")
                        .body("files/a+b.txt")
                        .build(),
                c("%2B in a name")
                        .get("spa.localhost", "/files/a%2Bb.txt")
                        .body("files/a+b.txt")
                        .build(),
                c("@ in a name")
                        .get("spa.localhost", "/files/user@host.txt")
                        .body("files/user@host.txt")
                        .build(),
                c("unicode name, percent-encoded UTF-8")
                        .get("spa.localhost", "/files/%C3%BCn%C3%AFc%C3%B8d%C3%A9.txt")
                        .body("files/ünïcødé.txt")
                        .build(),
                c("repeated slashes are merged")
                        .get("spa.localhost", "//files//a+b.txt")
                        .body("files/a+b.txt")
                        .build(),
                c("query is ignored")
                        .get("spa.localhost", "/robots.txt?v=3")
                        .body("robots.txt")
                        .build(),
                // 400s.
                c("400 for ..")
                        .get("spa.localhost", "/files/../index.html")
                        .status(400)
                        .contains("Bad request")
                        .build(),
                c("400 for %2e%2e")
                        .get("spa.localhost", "/files/%2e%2e/index.html")
                        .status(400)
                        .build(),
                c("400 for .%2E")
                        .get("spa.localhost", "/files/.%2E/index.html")
                        .status(400)
                        .build(),
                c("400 for a . segment").get("spa.localhost", "/./index.html").status(400).build(),
                c("400 for %2F").get("spa.localhost", "/files%2Fa+b.txt").status(400).build(),
                c("400 for %5C").get("spa.localhost", "/files%5Ca+b.txt").status(400).build(),
                c("400 for %00").get("spa.localhost", "/index.html%00.png").status(400).build(),
                c("400 for invalid UTF-8")
                        .get("spa.localhost", "/files/%C3%28.txt")
                        .status(400)
                        .build(),
                // Methods.
                c("405 for POST with Allow")
                        .req("POST", "spa.localhost", "/")
                        .status(405)
                        .header("Allow", "GET, HEAD")
                        .build(),
                c("405 for DELETE with Allow")
                        .req("DELETE", "spa.localhost", "/index.html")
                        .status(405)
                        .header("Allow", "GET, HEAD")
                        .build(),
                c("405 for OPTIONS")
                        .req("OPTIONS", "spa.localhost", "/")
                        .status(405)
                        .header("Allow", "GET, HEAD")
                        .build(),
                // Conditional requests and ranges.
                c("If-None-Match gives 304")
                        .get("spa.localhost", "/robots.txt")
                        .with("If-None-Match", etag("robots.txt"))
                        .status(304)
                        .bodyText("")
                        .header("ETag", etag("robots.txt"))
                        .build(),
                c("weak If-None-Match in a list gives 304")
                        .get("spa.localhost", "/robots.txt")
                        .with("If-None-Match", "\"other\", W/" + etag("robots.txt"))
                        .status(304)
                        .build(),
                c("other ETag gives 200")
                        .get("spa.localhost", "/robots.txt")
                        .with("If-None-Match", "\"nope\"")
                        .status(200)
                        .body("robots.txt")
                        .build(),
                c("first bytes range")
                        .get("spa.localhost", "/robots.txt")
                        .with("Range", "bytes=0-9")
                        .status(206)
                        .bodyText("User-agent")
                        .header("Content-Range", "bytes 0-9/14")
                        .header("Content-Length", "10")
                        .build(),
                c("suffix range")
                        .get("spa.localhost", "/robots.txt")
                        .with("Range", "bytes=-3")
                        .status(206)
                        .bodyText(" *\n")
                        .header("Content-Range", "bytes 11-13/14")
                        .build(),
                c("open range")
                        .get("spa.localhost", "/robots.txt")
                        .with("Range", "bytes=5-")
                        .status(206)
                        .bodyText("agent: *\n")
                        .header("Content-Range", "bytes 5-13/14")
                        .build(),
                c("unsatisfiable range gives 416")
                        .get("spa.localhost", "/robots.txt")
                        .with("Range", "bytes=100-200")
                        .status(416)
                        .header("Content-Range", "bytes */14")
                        .build(),
                c("multiple ranges give the whole file")
                        .get("spa.localhost", "/robots.txt")
                        .with("Range", "bytes=0-1,3-4")
                        .status(200)
                        .body("robots.txt")
                        .build(),
                c("If-Range with another ETag gives the whole file")
                        .get("spa.localhost", "/robots.txt")
                        .with("Range", "bytes=0-1")
                        .with("If-Range", "\"old\"")
                        .status(200)
                        .body("robots.txt")
                        .build(),
                c("file-cached body whole (sendfile)")
                        .get("spa.localhost", "/data/mid.bin")
                        .status(200)
                        .body("data/mid.bin")
                        .header("Content-Length", "40960")
                        .build(),
                c("range in a file-cached body's first bytes")
                        .get("spa.localhost", "/data/mid.bin")
                        .with("Range", "bytes=3-12")
                        .status(206)
                        .bodySlice("data/mid.bin", 3, 13)
                        .header("Content-Range", "bytes 3-12/40960")
                        .header("Content-Length", "10")
                        .build(),
                c("range across a file-cached body's first 16 KiB")
                        .get("spa.localhost", "/data/mid.bin")
                        .with("Range", "bytes=" + (PREFIX - 5) + "-" + (PREFIX + 14))
                        .status(206)
                        .bodySlice("data/mid.bin", PREFIX - 5, PREFIX + 15)
                        .header(
                                "Content-Range",
                                "bytes " + (PREFIX - 5) + "-" + (PREFIX + 14) + "/40960")
                        .header("Content-Length", "20")
                        .build(),
                c("range of a file-cached body's first 16 KiB")
                        .get("spa.localhost", "/data/mid.bin")
                        .with("Range", "bytes=0-" + (PREFIX - 1))
                        .status(206)
                        .bodySlice("data/mid.bin", 0, PREFIX)
                        .header("Content-Length", String.valueOf(PREFIX))
                        .build(),
                c("range past a file-cached body's first 16 KiB")
                        .get("spa.localhost", "/data/mid.bin")
                        .with("Range", "bytes=30000-30009")
                        .status(206)
                        .bodySlice("data/mid.bin", 30000, 30010)
                        .header("Content-Range", "bytes 30000-30009/40960")
                        .build(),
                c("open range from a file-cached body's first bytes")
                        .get("spa.localhost", "/data/mid.bin")
                        .with("Range", "bytes=100-")
                        .status(206)
                        .bodySlice("data/mid.bin", 100, 40960)
                        .header("Content-Range", "bytes 100-40959/40960")
                        .build(),
                c("If-None-Match on a file-cached body gives 304")
                        .get("spa.localhost", "/data/mid.bin")
                        .with("If-None-Match", etag("data/mid.bin"))
                        .status(304)
                        .build(),
                c("range on a streamed file is passed to S3")
                        .get("spa.localhost", "/data/big.bin")
                        .with("Range", "bytes=100000-100009")
                        .status(206)
                        .bodySlice("data/big.bin", 100000, 100010)
                        .header("Content-Range", "bytes 100000-100009/204800")
                        .header("Content-Length", "10")
                        .build(),
                c("suffix range on a streamed file")
                        .get("spa.localhost", "/data/big.bin")
                        .with("Range", "bytes=-5")
                        .status(206)
                        .header("Content-Range", "bytes 204795-204799/204800")
                        .build(),
                c("unsatisfiable range on a streamed file")
                        .get("spa.localhost", "/data/big.bin")
                        .with("Range", "bytes=204800-")
                        .status(416)
                        .header("Content-Range", "bytes */204800")
                        .build(),
                c("streamed file whole")
                        .get("spa.localhost", "/data/big.bin")
                        .body("data/big.bin")
                        .header("Content-Type", "application/octet-stream")
                        .header("Content-Length", "204800")
                        .header("Vary", null)
                        .build(),
                c("empty file")
                        .get("spa.localhost", "/empty.txt")
                        .status(200)
                        .bodyText("")
                        .header("Content-Length", "0")
                        .build(),
                // Compression.
                c("no Accept-Encoding: identity with Vary")
                        .get("spa.localhost", "/" + HASHED_JS)
                        .body(HASHED_JS)
                        .header("Content-Encoding", null)
                        .header("Vary", "Accept-Encoding")
                        .build(),
                c("br variant when br is accepted")
                        .get("spa.localhost", "/" + HASHED_JS)
                        .with("Accept-Encoding", "gzip, br")
                        .bodyText(BR_BYTES)
                        .header("Content-Encoding", "br")
                        .header("Vary", "Accept-Encoding")
                        .header("ETag", "\"" + SiteFixture.sha256(FILES.get(HASHED_JS)) + "-br\"")
                        .build(),
                c("gzip variant when only gzip is accepted")
                        .get("spa.localhost", "/" + HASHED_JS)
                        .with("Accept-Encoding", "gzip")
                        .body(HASHED_JS)
                        .header("Content-Encoding", "gzip")
                        .build(),
                c("br;q=0 falls back to gzip")
                        .get("spa.localhost", "/" + HASHED_JS)
                        .with("Accept-Encoding", "br;q=0, gzip")
                        .body(HASHED_JS)
                        .header("Content-Encoding", "gzip")
                        .build(),
                c("gzip made on the fly without a variant")
                        .get("spa404.localhost", "/")
                        .with("Accept-Encoding", "gzip")
                        .bodyText(INDEX)
                        .header("Content-Encoding", "gzip")
                        .build(),
                c("streamed compressible file uses its gzip variant")
                        .get("spa.localhost", "/data/big.js")
                        .with("Accept-Encoding", "gzip")
                        .body("data/big.js")
                        .header("Content-Encoding", "gzip")
                        .header("Vary", "Accept-Encoding")
                        .build(),
                c("images are not compressed and have no Vary")
                        .get("spa.localhost", "/assets/logo.png")
                        .with("Accept-Encoding", "gzip, br")
                        .body("assets/logo.png")
                        .header("Content-Encoding", null)
                        .header("Vary", null)
                        .header("Content-Type", "image/png")
                        .build(),
                c("tiny text is not compressed")
                        .get("spa.localhost", "/robots.txt")
                        .with("Accept-Encoding", "gzip")
                        .body("robots.txt")
                        .header("Content-Encoding", null)
                        .header("Vary", "Accept-Encoding")
                        .build(),
                c("ranges are served uncompressed")
                        .get("spa.localhost", "/" + HASHED_JS)
                        .with("Accept-Encoding", "gzip, br")
                        .with("Range", "bytes=0-6")
                        .status(206)
                        .bodyText("console")
                        .header("Content-Encoding", null)
                        .build(),
                // Cache headers.
                c("hashed asset is immutable")
                        .get("spa.localhost", "/" + HASHED_JS)
                        .header("Cache-Control", IMMUTABLE)
                        .build(),
                c("unhashed asset must revalidate")
                        .get("spa.localhost", "/assets/logo.png")
                        .header("Cache-Control", REVALIDATE)
                        .build(),
                // Hosts.
                c("unknown project: 404 that does not echo the host")
                        .get("nosuchproject.localhost", "/")
                        .status(404)
                        .contains("No site here")
                        .build(),
                c("project without a live deployment")
                        .get("fresh.localhost", "/")
                        .status(404)
                        .contains("Not deployed yet")
                        .build(),
                c("host with port and upper case")
                        .get("SPA.LocalHost:8000", "/robots.txt")
                        .body("robots.txt")
                        .build(),
                c("other domain")
                        .get("spa.example.com", "/")
                        .status(404)
                        .contains("No site here")
                        .build(),
                c("nested subdomain")
                        .get("a.spa.localhost", "/")
                        .status(404)
                        .contains("No site here")
                        .build(),
                c("bare base domain")
                        .get("localhost", "/")
                        .status(404)
                        .contains("No site here")
                        .build(),
                c("reserved slug")
                        .get("www.localhost", "/")
                        .status(404)
                        .contains("No site here")
                        .build(),
                c("invalid slug characters")
                        .get("spa_x.localhost", "/")
                        .status(404)
                        .contains("No site here")
                        .build(),
                c("IP literal").get("127.0.0.1", "/").status(404).contains("No site here").build(),
                // Platform paths.
                c("health on any host")
                        .get("whatever.example", "/_slipway/health")
                        .bodyText("{\"status\":\"ok\"}")
                        .header("Content-Type", "application/json")
                        .build(),
                c("health on a site host")
                        .get("spa.localhost", "/_slipway/health")
                        .bodyText("{\"status\":\"ok\"}")
                        .build(),
                c("metrics are never on the public port")
                        .get("spa.localhost", "/_slipway/metrics")
                        .status(200)
                        .body("index.html")
                        .build(),
                c("metrics are not on a custom host either")
                        .get("whatever.example", "/_slipway/metrics")
                        .status(404)
                        .contains("No site here")
                        .build(),
                // HTTP conformance (RFC 9110/9112, nginx as reference).
                c("a ; in a name is literal")
                        .get("semi.localhost", "/semi;colon.html")
                        .bodyText("<h1>semicolon</h1>")
                        .build(),
                c("a ; is not a path parameter")
                        .get("semi.localhost", "/about.html;x=1")
                        .status(404)
                        .contains("Page not found")
                        .build(),
                c("q-values are honoured: gzip;q=1 beats br;q=0.1")
                        .get("spa.localhost", "/" + HASHED_JS)
                        .with("Accept-Encoding", "gzip;q=1, br;q=0.1")
                        .body(HASHED_JS)
                        .header("Content-Encoding", "gzip")
                        .build(),
                c("Last-Modified is the deployment's finishedAt")
                        .get("semi.localhost", "/about.html")
                        .header("Last-Modified", FINISHED_HTTP)
                        .build(),
                c("If-Modified-Since at finishedAt gives 304")
                        .get("semi.localhost", "/about.html")
                        .with("If-Modified-Since", FINISHED_HTTP)
                        .status(304)
                        .bodyText("")
                        .build(),
                c("If-Modified-Since before finishedAt gives 200")
                        .get("semi.localhost", "/about.html")
                        .with("If-Modified-Since", "Thu, 26 Nov 2026 20:30:00 GMT")
                        .bodyText("<h1>about</h1>")
                        .build(),
                c("If-None-Match wins over If-Modified-Since")
                        .get("semi.localhost", "/about.html")
                        .with("If-None-Match", "\"other\"")
                        .with("If-Modified-Since", FINISHED_HTTP)
                        .status(200)
                        .build(),
                c("failed If-Match gives 412")
                        .get("spa.localhost", "/robots.txt")
                        .with("If-Match", "\"other\"")
                        .status(412)
                        .bodyText("")
                        .build(),
                c("If-Match with the ETag gives 200")
                        .get("spa.localhost", "/robots.txt")
                        .with("If-Match", etag("robots.txt"))
                        .body("robots.txt")
                        .build(),
                c("If-Match * gives 200")
                        .get("spa.localhost", "/robots.txt")
                        .with("If-Match", "*")
                        .body("robots.txt")
                        .build(),
                c("weak If-Match never matches")
                        .get("spa.localhost", "/robots.txt")
                        .with("If-Match", "W/" + etag("robots.txt"))
                        .status(412)
                        .build(),
                c("failed If-Unmodified-Since gives 412")
                        .get("semi.localhost", "/about.html")
                        .with("If-Unmodified-Since", "Thu, 26 Nov 2026 20:30:00 GMT")
                        .status(412)
                        .build(),
                c("If-Unmodified-Since at finishedAt gives 200")
                        .get("semi.localhost", "/about.html")
                        .with("If-Unmodified-Since", FINISHED_HTTP)
                        .bodyText("<h1>about</h1>")
                        .build(),
                // Deployment hosts and custom domains.
                c("a deployment host serves that deployment")
                        .get(
                                DeploymentHost.of(
                                                dev.slipway.core.project.Slug.of("static"),
                                                staticPreview)
                                        + ".localhost",
                                "/")
                        .bodyText("<h1>static preview</h1>")
                        .build(),
                c("a preview is not live")
                        .get("static.localhost", "/")
                        .bodyText("<h1>home</h1>")
                        .build(),
                c("an unknown deployment host is no site")
                        .get("static--0123456789.localhost", "/")
                        .status(404)
                        .contains("No site here")
                        .build(),
                c("a custom domain serves its project's live deployment")
                        .get("www.example.org", "/about")
                        .bodyText("<h1>about</h1>")
                        .build(),
                c("a custom domain with a port and upper case")
                        .get("WWW.Example.org:8080", "/about")
                        .bodyText("<h1>about</h1>")
                        .build(),
                c("an unknown custom domain is no site")
                        .get("nope.example.org", "/")
                        .status(404)
                        .contains("No site here")
                        .build(),
                // basePath.
                c("basePath: / redirects to it")
                        .get("docs.localhost", "/?a=1")
                        .status(308)
                        .header("Location", "/docs/?a=1")
                        .build(),
                c("basePath: the prefix without a slash redirects")
                        .get("docs.localhost", "/docs")
                        .status(308)
                        .header("Location", "/docs/")
                        .build(),
                c("basePath: index under the prefix")
                        .get("docs.localhost", "/docs/")
                        .bodyText("<h1>docs home</h1>")
                        .build(),
                c("basePath: clean URL under the prefix")
                        .get("docs.localhost", "/docs/guide")
                        .bodyText("<h1>docs guide</h1>")
                        .build(),
                c("basePath: outside the prefix is the site's 404")
                        .get("docs.localhost", "/guide")
                        .status(404)
                        .bodyText("<h1>docs 404</h1>")
                        .build(),
                c("basePath on a custom domain")
                        .get("docs.example.org", "/")
                        .status(308)
                        .header("Location", "/docs/")
                        .build(),
                // routes.
                c("route: redirect with status and placeholder")
                        .get("routed.localhost", "/old/hello%20world?x=1")
                        .status(301)
                        .header("Location", "/new/hello%20world?x=1")
                        .build(),
                c("route: external redirect with splat")
                        .get("routed.localhost", "/ext/a/b")
                        .status(302)
                        .header("Location", "https://example.com/a/b")
                        .build(),
                c("route: rewrite serves the target under the path")
                        .get("routed.localhost", "/app/some/page")
                        .bodyText("<h1>routed home</h1>")
                        .build(),
                c("route: 404 rewrite")
                        .get("routed.localhost", "/gone")
                        .status(404)
                        .bodyText("<h1>routed 404</h1>")
                        .build(),
                c("route: a file shadows a rule that is not forced")
                        .get("routed.localhost", "/shadow")
                        .bodyText("<h1>shadow file</h1>")
                        .build(),
                c("route: cleanUrls redirects .html away")
                        .get("routed.localhost", "/about.html")
                        .status(308)
                        .header("Location", "/about")
                        .build(),
                c("route: forced rule applies over a file")
                        .get("routed.localhost", "/forced")
                        .bodyText("<h1>routed home</h1>")
                        .build(),
                c("route: headers by pattern, framing headers refused")
                        .get("routed.localhost", "/assets/app.css")
                        .bodyText("body{}")
                        .header("X-Test", "assets")
                        .header("X-Frame-Options", "DENY")
                        .header("Content-Length", "6")
                        .build(),
                c("route: headers only where the pattern matches")
                        .get("routed.localhost", "/about")
                        .header("X-Test", null)
                        .header("X-Frame-Options", "DENY")
                        .build(),
                c("route: trailingSlash true adds the slash")
                        .get("slashy.localhost", "/about")
                        .status(308)
                        .header("Location", "/about/")
                        .build(),
                c("route: trailingSlash true serves P.html at P/")
                        .get("slashy.localhost", "/about/")
                        .bodyText("<h1>slashy about</h1>")
                        .build(),
                c("route: trailingSlash false removes the slash")
                        .get("noslash.localhost", "/guide/")
                        .status(308)
                        .header("Location", "/guide")
                        .build(),
                c("route: trailingSlash false serves P/index.html at P")
                        .get("noslash.localhost", "/guide")
                        .bodyText("<h1>noslash guide</h1>")
                        .build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void servesAsTheContractSays(Case c) {
        HttpResponse<byte[]> response =
                http.send(c.method(), c.host(), c.path(), c.headers().toArray(String[]::new));
        assertThat(response.statusCode()).as("status").isEqualTo(c.status());
        byte[] body = decode(response);
        if (c.body() != null) {
            assertThat(body).as("body").isEqualTo(c.body());
        }
        if (c.bodyContains() != null) {
            assertThat(new String(body, StandardCharsets.UTF_8)).contains(c.bodyContains());
        }
        if (c.status() >= 400 && c.host() != null) {
            String label = c.host().toLowerCase().split("[.:]")[0];
            assertThat(new String(body, StandardCharsets.UTF_8).toLowerCase())
                    .as("error pages never echo the host")
                    .doesNotContain(label + ".");
        }
        c.expectHeaders()
                .forEach(
                        (name, value) -> {
                            if (value == null) {
                                assertThat(response.headers().firstValue(name)).as(name).isEmpty();
                            } else {
                                assertThat(response.headers().firstValue(name))
                                        .as(name)
                                        .hasValue(value);
                            }
                        });
        if (c.status() == 200
                && c.method().equals("GET")
                && response.headers().firstValue("Content-Encoding").isEmpty()) {
            assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(body.length);
        }
    }

    static Stream<String> malformedPaths() {
        return Stream.of(
                "/files/%zz.txt",
                "/files/a%2",
                "/files/%",
                "/files/%G1",
                "/files\\a+b.txt",
                "/\\..\\x",
                "/index.html\u0000",
                "/a%00b",
                "/%2e%2E/",
                "/files/%C3%28.txt",
                "/files/%FF",
                "/x/%2f/y",
                "/x/%5c/y");
    }

    @ParameterizedTest(name = "400 for the raw path {0}")
    @MethodSource("malformedPaths")
    void rejectsMalformedPathsWith400(String path) {
        String response =
                http.raw(
                        "GET "
                                + path
                                + " HTTP/1.1\r\nHost: spa.localhost\r\nConnection: close\r\n\r\n");
        assertThat(Http.status(response)).as(response).isEqualTo(400);
    }

    static Stream<String> malformedHosts() {
        return Stream.of(
                "Host: spa.localhost:abc\r\n",
                "Host: \r\n",
                "Host: spa..localhost\r\n",
                "Host: [::1]:80\r\n",
                "Host: spa.localhost:99999999\r\n",
                "Host: -spa.localhost\r\n",
                "Host: sp\u00e4.localhost\r\n");
    }

    @ParameterizedTest(name = "404 for the malformed host line {0}")
    @MethodSource("malformedHosts")
    void answersMalformedHostsWithAPageThatDoesNotEchoThem(String hostLine) {
        String response = http.raw("GET / HTTP/1.1\r\n" + hostLine + "Connection: close\r\n\r\n");
        int status = Http.status(response);
        assertThat(status).as(response).isIn(400, 404);
        assertThat(response.substring(response.indexOf("\r\n\r\n")))
                .doesNotContain("spa")
                .doesNotContain("::1");
    }

    @org.junit.jupiter.api.Test
    void answersHttp10WithoutHostWith404() {
        String response = http.raw("GET / HTTP/1.0\r\n\r\n");
        assertThat(Http.status(response)).isEqualTo(404);
        assertThat(response).contains("No site here");
    }

    @org.junit.jupiter.api.Test
    void rejectsOversizedHeadersAndCountsAndLogsIt() {
        String response =
                assertRefusedAndLogged(
                        "parser",
                        "GET / HTTP/1.1\r\nHost: spa.localhost\r\nX-Big: "
                                + "a".repeat(40_000)
                                + "\r\nConnection: close\r\n\r\n");
        assertThat(response).doesNotContain("spa shell");
        if (!response.isEmpty()) { // the client may see a reset while it is still sending
            assertThat(Http.status(response)).isEqualTo(400);
        }
    }

    @org.junit.jupiter.api.Test
    void rejectsATransferEncodingThatDoesNotEndInChunkedAndClosesTheConnection() {
        String response =
                http.raw(
                        "GET / HTTP/1.1\r\nHost: spa.localhost\r\nTransfer-Encoding: gzip\r\n\r\n"
                                + "GET /robots.txt HTTP/1.1\r\nHost: spa.localhost\r\n"
                                + "Connection: close\r\n\r\n");
        assertThat(Http.status(response)).as(response).isEqualTo(400);
        assertThat(response.split("HTTP/1.1 ", -1)).as("one response only").hasSize(2);
        assertThat(response).doesNotContain("User-agent");
    }

    @org.junit.jupiter.api.Test
    void rejectsContentLengthWithTransferEncodingAndCountsAndLogsIt() {
        String response =
                assertRefusedAndLogged(
                        "parser",
                        "GET / HTTP/1.1\r\nHost: spa.localhost\r\nContent-Length: 5\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                                + "GET /robots.txt HTTP/1.1\r\nHost: spa.localhost\r\n"
                                + "Connection: close\r\n\r\n");
        assertThat(Http.status(response)).as(response).isEqualTo(400);
        assertThat(response).doesNotContain("User-agent");
    }

    @org.junit.jupiter.api.Test
    void rejectsABadRequestLineAndCountsAndLogsIt() {
        String response =
                assertRefusedAndLogged(
                        "parser",
                        "GET / HTTP/1.1 x\r\nHost: spa.localhost\r\nConnection: close\r\n\r\n");
        assertThat(Http.status(response)).as(response).isEqualTo(400);
    }

    @org.junit.jupiter.api.Test
    void acceptsAnAbsoluteFormTargetAndTakesItsAuthority() {
        String response =
                http.raw(
                        "GET http://spa.localhost/robots.txt HTTP/1.1\r\nHost: spa.localhost\r\n"
                                + "Connection: close\r\n\r\n");
        assertThat(Http.status(response)).as(response).isEqualTo(200);
        assertThat(response).contains("User-agent: *");
    }

    /** RFC 9112 section 3.2.2: the target's authority is the host; a different Host is ignored. */
    @org.junit.jupiter.api.Test
    void takesTheAuthorityOfAnAbsoluteFormTargetOverADifferentHost() {
        String response =
                http.raw(
                        "GET http://spa.localhost/robots.txt HTTP/1.1\r\nHost: static.localhost\r\n"
                                + "Connection: close\r\n\r\n");
        assertThat(Http.status(response)).as(response).isEqualTo(200);
        assertThat(response).contains("User-agent: *");
        String other =
                http.raw(
                        "GET http://static.localhost/about.html HTTP/1.1\r\nHost: spa.localhost\r\n"
                                + "Connection: close\r\n\r\n");
        assertThat(Http.status(other)).as(other).isEqualTo(200);
        assertThat(other).contains("<h1>about</h1>");
    }

    /**
     * The authority that wins is held to every rule of Undertow's Host check, and HTTP/1.1 still
     * needs exactly one Host beside it.
     */
    @org.junit.jupiter.api.Test
    void refusesAnAbsoluteFormTargetWithABadAuthorityOrWithoutExactlyOneHost() {
        String badPort =
                assertRefusedAndLogged(
                        "host",
                        "GET http://spa.localhost:99999/robots.txt HTTP/1.1\r\nHost: spa.localhost\r\n"
                                + "Connection: close\r\n\r\n");
        assertThat(Http.status(badPort)).as(badPort).isEqualTo(400);
        String userinfo =
                http.raw(
                        "GET http://evil@spa.localhost/robots.txt HTTP/1.1\r\nHost: spa.localhost\r\n"
                                + "Connection: close\r\n\r\n");
        assertThat(Http.status(userinfo)).as(userinfo).isEqualTo(400);
        String noHost =
                assertRefusedAndLogged(
                        "host",
                        "GET http://spa.localhost/robots.txt HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertThat(Http.status(noHost)).as(noHost).isEqualTo(400);
        String twoHosts =
                http.raw(
                        "GET http://spa.localhost/robots.txt HTTP/1.1\r\nHost: spa.localhost\r\n"
                                + "Host: static.localhost\r\nConnection: close\r\n\r\n");
        assertThat(Http.status(twoHosts)).as(twoHosts).isEqualTo(400);
        assertThat(noHost + twoHosts + badPort + userinfo).doesNotContain("User-agent");
    }

    /** Sends a request Undertow refuses; checks the refusal reached the metrics and the log. */
    private static String assertRefusedAndLogged(String reason, String request) {
        double counted = rejectedCount(reason);
        long logged = rejectedLines(reason);
        String response = http.raw(request);
        await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> rejectedLines(reason) > logged);
        assertThat(rejectedCount(reason)).isEqualTo(counted + 1);
        return response;
    }

    private static long rejectedLines(String reason) {
        return ACCESS_LOG.stream()
                .map(l -> com.google.gson.JsonParser.parseString(l).getAsJsonObject())
                .filter(
                        e ->
                                e.get("cache").getAsString().equals("rejected")
                                        && e.get("reason").getAsString().equals(reason)
                                        && e.get("status").getAsInt() == 400
                                        && e.get("remote").getAsString().equals("127.0.0.1"))
                .count();
    }

    private static double rejectedCount(String reason) {
        String prefix = "slipway_proxy_rejected_total{reason=\"" + reason + "\"} ";
        return proxy.metrics()
                .scrape()
                .lines()
                .filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).trim()))
                .findFirst()
                .orElse(0);
    }

    @org.junit.jupiter.api.Test
    void matchesMethodsCaseSensitively() {
        String response =
                http.raw("get / HTTP/1.1\r\nHost: spa.localhost\r\nConnection: close\r\n\r\n");
        assertThat(Http.status(response)).as(response).isEqualTo(405);
        assertThat(response).contains("Allow: GET, HEAD");
    }

    @org.junit.jupiter.api.Test
    void percentEncodesRawQueryBytesInALocation() {
        // The UTF-8 bytes of "é" sent raw, as a client that does not encode would.
        String response =
                http.raw(
                        "GET /guide?q=\u00c3\u00a9&x=a%20b HTTP/1.1\r\nHost: spa.localhost\r\n"
                                + "Connection: close\r\n\r\n");
        assertThat(Http.status(response)).as(response).isEqualTo(308);
        assertThat(response).contains("Location: /guide/?q=%C3%A9&x=a%20b\r\n");
    }

    @org.junit.jupiter.api.Test
    void servesMetricsOnTheAdminListenerOnly() {
        Http admin = new Http(proxy.adminPort());
        HttpResponse<byte[]> metrics = admin.get("localhost", "/_slipway/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(new String(metrics.body(), StandardCharsets.UTF_8))
                .contains("slipway_proxy_requests_total");
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(admin.get("localhost", "/_slipway/health").statusCode()).isEqualTo(200);
        assertThat(admin.get("spa.localhost", "/").statusCode()).isEqualTo(404);
        assertThat(proxy.adminPort()).isNotEqualTo(proxy.port());
    }

    static Stream<String> headPaths() {
        return Stream.of(
                "/",
                "/robots.txt",
                "/" + HASHED_JS,
                "/data/big.bin",
                "/data/big.js",
                "/data/mid.bin",
                "/app.js",
                "/guide",
                "/files/../x");
    }

    @ParameterizedTest(name = "HEAD {0} equals GET without a body")
    @MethodSource("headPaths")
    void headEqualsGetWithoutBody(String path) {
        for (String[] headers :
                List.of(new String[0], new String[] {"Accept-Encoding", "gzip, br"})) {
            HttpResponse<byte[]> get = http.send("GET", "spa.localhost", path, headers);
            HttpResponse<byte[]> head = http.send("HEAD", "spa.localhost", path, headers);
            assertThat(head.statusCode()).isEqualTo(get.statusCode());
            assertThat(head.body()).isEmpty();
            Map<String, List<String>> getHeaders = new LinkedHashMap<>(get.headers().map());
            Map<String, List<String>> headHeaders = new LinkedHashMap<>(head.headers().map());
            getHeaders.remove("date");
            headHeaders.remove("date");
            assertThat(headHeaders).as(path + " " + Arrays.toString(headers)).isEqualTo(getHeaders);
        }
    }

    /**
     * A file-cached body's head, written on its own under the cork before the {@code sendfile}, is
     * byte for byte the head of the same response to HEAD (but the date), whole and as a range, for
     * one request at a time on a kept-alive connection and for pipelined requests; the bodies are
     * exact. (Session 12 wrote this head straight to the socket, past Undertow's conduits, and took
     * that out again: this holds any such change to Undertow's bytes.)
     */
    @org.junit.jupiter.api.Test
    void writesAFileCachedBodysHeadAsUndertowWritesIt() throws IOException {
        byte[] file = FILES.get("data/mid.bin");
        String host = "Host: spa.localhost\r\n";
        String whole = "GET /data/mid.bin HTTP/1.1\r\n" + host + "\r\n";
        String range = "GET /data/mid.bin HTTP/1.1\r\n" + host + "Range: bytes=100-20099\r\n\r\n";
        String headWhole = "HEAD /data/mid.bin HTTP/1.1\r\n" + host + "\r\n";
        String headRange =
                "HEAD /data/mid.bin HTTP/1.1\r\n" + host + "Range: bytes=100-20099\r\n\r\n";
        String close = "GET /robots.txt HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n";
        List<String> requests = List.of(whole, headWhole, range, headRange, whole, range, close);
        List<List<Object>> oneAtATime = new java.util.ArrayList<>();
        try (java.net.Socket socket =
                new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(10_000);
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            for (String request : requests) {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                oneAtATime.add(readResponse(in, request.startsWith("HEAD")));
            }
        }
        List<List<Object>> pipelined = new java.util.ArrayList<>();
        try (java.net.Socket socket =
                new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(String.join("", requests).getBytes(StandardCharsets.ISO_8859_1));
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            for (String request : requests) {
                pipelined.add(readResponse(in, request.startsWith("HEAD")));
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        for (List<List<Object>> responses : List.of(oneAtATime, pipelined)) {
            String getWhole = (String) responses.get(0).get(0);
            String getRange = (String) responses.get(2).get(0);
            assertThat(getWhole)
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("Content-Length: 40960\r\n");
            assertThat(getRange)
                    .startsWith("HTTP/1.1 206 Partial Content\r\n")
                    .contains("Content-Range: bytes 100-20099/40960\r\n");
            assertThat(withoutDate(getWhole))
                    .isEqualTo(withoutDate((String) responses.get(1).get(0)));
            assertThat(withoutDate(getRange))
                    .isEqualTo(withoutDate((String) responses.get(3).get(0)));
            assertThat(withoutDate((String) responses.get(4).get(0)))
                    .isEqualTo(withoutDate(getWhole));
            assertThat(withoutDate((String) responses.get(5).get(0)))
                    .isEqualTo(withoutDate(getRange));
            assertThat((byte[]) responses.get(0).get(1)).isEqualTo(file);
            assertThat((byte[]) responses.get(4).get(1)).isEqualTo(file);
            assertThat((byte[]) responses.get(2).get(1))
                    .isEqualTo(Arrays.copyOfRange(file, 100, 20100));
            assertThat((byte[]) responses.get(5).get(1))
                    .isEqualTo(Arrays.copyOfRange(file, 100, 20100));
            assertThat((byte[]) responses.get(1).get(1)).isEmpty();
            assertThat((byte[]) responses.get(6).get(1)).isEqualTo(FILES.get("robots.txt"));
        }
    }

    /** One response from {@code in}: its head as text, and its body (none for HEAD). */
    private static List<Object> readResponse(java.io.InputStream in, boolean head)
            throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The response ended in its head: " + text);
            }
            text.append((char) b);
        }
        String headText = text.toString();
        int length = 0;
        for (String line : headText.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length: ", 0, 16)) {
                length = Integer.parseInt(line.substring(16).trim());
            }
        }
        byte[] body = head ? new byte[0] : in.readNBytes(length);
        return List.of(headText, body);
    }

    private static String withoutDate(String head) {
        return head.replaceAll("(?m)^Date: [^\r]*\r\n", "");
    }

    private static byte[] decode(HttpResponse<byte[]> response) {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("");
        if (!encoding.equals("gzip")) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
