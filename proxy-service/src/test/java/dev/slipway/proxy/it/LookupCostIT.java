package dev.slipway.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentHost;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.proxy.ProxyServer;
import dev.slipway.proxy.ProxyTuning;
import dev.slipway.testing.S3ServerExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each kind of lookup costs in S3 requests, counted by the proxy's own meters: stored variants
 * the manifest lists (never a probe), unknown hosts of every kind (negative-cached), deployment
 * hosts (one listing per project per TTL).
 */
class LookupCostIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();

    /** Long TTLs: no background refresh adds a request while a test counts. */
    static ProxyTuning tuning() {
        return ProxyFixture.tuning()
                .withPointerTtls(Duration.ofMinutes(5), Duration.ofMinutes(5))
                .withLookupTtls(Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    @Test
    void fetchesAFileWithoutStoredVariantsInExactlyOneGet() {
        String css = "body { color: red; }\n".repeat(200);
        SiteFixture.site(s3.client(), s3.bucket(), "listed")
                .listEncodings(true)
                .file("index.html", "<h1>listed</h1>")
                .file("style.css", css)
                .file("app.js", "let x = 1;\n".repeat(500))
                .brotliVariant("app.js", "br".getBytes(StandardCharsets.UTF_8))
                .publish();
        try (ProxyServer proxy = ProxyFixture.start(s3, null, tuning())) {
            Http http = new Http(proxy.port());
            assertThat(http.get("listed.localhost", "/").statusCode()).isEqualTo(200);

            long before = proxy.metrics().s3Requests("GetObject");
            HttpResponse<byte[]> response =
                    http.get("listed.localhost", "/style.css", "Accept-Encoding", "br, gzip");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding"))
                    .as("gzip made from the blob, as no variant is stored")
                    .hasValue("gzip");
            assertThat(proxy.metrics().s3Requests("GetObject") - before)
                    .as("a miss with no stored variant: the blob alone")
                    .isEqualTo(1);

            long variant = proxy.metrics().s3Requests("GetObject");
            HttpResponse<byte[]> br =
                    http.get("listed.localhost", "/app.js", "Accept-Encoding", "gzip, br");
            assertThat(br.headers().firstValue("Content-Encoding")).hasValue("br");
            assertThat(new String(br.body(), StandardCharsets.UTF_8)).isEqualTo("br");
            assertThat(proxy.metrics().s3Requests("GetObject") - variant)
                    .as("a listed variant: one GET, for the variant")
                    .isEqualTo(1);
        }
    }

    @Test
    void gzipsManyFilesWithoutStoredVariantsEachOnItsFirstRequest() {
        // Each gzip entry looks up its blob in the same cache: done inside the entry's own
        // computation, keys sharing a hash bin failed with "Recursive update" (a 500), seen on CI.
        SiteFixture site = SiteFixture.site(s3.client(), s3.bucket(), "many").listEncodings(true);
        site.file("index.html", "<h1>many</h1>");
        for (int i = 0; i < 120; i++) {
            site.file("s" + i + ".css", ("p.n" + i + " { margin: 0; }\n").repeat(100));
        }
        site.publish();
        try (ProxyServer proxy = ProxyFixture.start(s3, null, tuning())) {
            Http http = new Http(proxy.port());
            for (int i = 0; i < 120; i++) {
                HttpResponse<byte[]> response =
                        http.get("many.localhost", "/s" + i + ".css", "Accept-Encoding", "gzip");
                assertThat(response.statusCode()).as("/s%d.css", i).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            }
        }
    }

    @Test
    void costsOneGetPerUnknownProjectOrDomainPerTtl() {
        try (ProxyServer proxy = ProxyFixture.start(s3, null, tuning())) {
            Http http = new Http(proxy.port());
            long before = proxy.metrics().s3Requests("GetObject");
            for (int i = 0; i < 20; i++) {
                assertThat(http.get("ghost.localhost", "/").statusCode()).isEqualTo(404);
                assertThat(http.get("ghost.example.net", "/x").statusCode()).isEqualTo(404);
            }
            assertThat(proxy.metrics().s3Requests("GetObject") - before)
                    .as("one GET for projects/ghost.json, one for domains/ghost.example.net.json")
                    .isEqualTo(2);
            long malformed = proxy.metrics().s3Requests("GetObject");
            for (String host : new String[] {"127.0.0.1", "a.b.localhost", "x--y.localhost"}) {
                assertThat(http.get(host, "/").statusCode()).isEqualTo(404);
            }
            assertThat(proxy.metrics().s3Requests("GetObject") - malformed)
                    .as("hosts that cannot name a site cost nothing")
                    .isZero();
        }
    }

    @Test
    void resolvesDeploymentHostsWithOneListingPerProjectPerTtl() {
        SiteFixture site =
                SiteFixture.site(s3.client(), s3.bucket(), "hosts")
                        .file("index.html", "<h1>v1</h1>");
        DeploymentId first = site.publish();
        DeploymentId second =
                SiteFixture.site(s3.client(), s3.bucket(), "hosts")
                        .preview(true)
                        .file("index.html", "<h1>v2</h1>")
                        .upload();
        String firstHost = DeploymentHost.of(Slug.of("hosts"), first) + ".localhost";
        String secondHost = DeploymentHost.of(Slug.of("hosts"), second) + ".localhost";
        try (ProxyServer proxy = ProxyFixture.start(s3, null, tuning())) {
            Http http = new Http(proxy.port());
            long lists = proxy.metrics().s3Requests("ListObjectsV2");
            for (int i = 0; i < 10; i++) {
                assertThat(body(http, firstHost)).isEqualTo("<h1>v1</h1>");
                assertThat(body(http, secondHost)).isEqualTo("<h1>v2</h1>");
                assertThat(http.get("hosts--abcdefghjk.localhost", "/").statusCode())
                        .isEqualTo(404);
            }
            assertThat(proxy.metrics().s3Requests("ListObjectsV2") - lists)
                    .as("known and unknown ids of one project: one listing")
                    .isEqualTo(1);
            assertThat(body(http, "hosts.localhost"))
                    .as("the preview is not live")
                    .isEqualTo("<h1>v1</h1>");
        }
    }

    private static String body(Http http, String host) {
        HttpResponse<byte[]> r = http.get(host, "/");
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
