package dev.slipway.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.proxy.ProxyServer;
import dev.slipway.proxy.ProxyTuning;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live pointer follows {@code slipway:projects}, and a short time-to-live while Redis is away.
 */
class InvalidationIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static String body(Http http, String host) {
        return new String(http.get(host, "/").body(), StandardCharsets.UTF_8);
    }

    private static void awaitSubscribed(ProxyServer proxy, boolean subscribed) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () ->
                                assertThat(proxy.metrics().scrape())
                                        .contains(
                                                "slipway_proxy_redis_subscribed "
                                                        + (subscribed ? "1.0" : "0.0")));
    }

    @Test
    void showsANewDeploymentAndARollbackOnTheRequestAfterTheMessage() {
        DeploymentId v1 =
                SiteFixture.site(s3.client(), s3.bucket(), "flip")
                        .file("index.html", "v1")
                        .publish();
        ProxyTuning tuning =
                ProxyFixture.tuning()
                        .withPointerTtls(Duration.ofMinutes(10), Duration.ofSeconds(1));
        try (ProxyServer proxy = ProxyFixture.start(s3, redis.url(), tuning)) {
            Http http = new Http(proxy.port());
            awaitSubscribed(proxy, true);
            assertThat(body(http, "flip.localhost")).isEqualTo("v1");

            DeploymentId v2 =
                    SiteFixture.site(s3.client(), s3.bucket(), "flip")
                            .file("index.html", "v2")
                            .publish();
            assertThat(body(http, "flip.localhost"))
                    .as("the pointer is cached until the message")
                    .isEqualTo("v1");

            redis.connection().sync().publish(LogProtocol.PROJECTS_CHANNEL, "flip");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> body(http, "flip.localhost").equals("v2"));

            SiteFixture.makeLive(s3.client(), s3.bucket(), "flip", v1);
            redis.connection().sync().publish(LogProtocol.PROJECTS_CHANNEL, "flip");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> body(http, "flip.localhost").equals("v1"));

            // A removed project: the record is gone.
            s3.client().deleteObject(b -> b.bucket(s3.bucket()).key("projects/flip.json"));
            redis.connection().sync().publish(LogProtocol.PROJECTS_CHANNEL, "flip");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("flip.localhost", "/").statusCode() == 404);
            assertThat(body(http, "flip.localhost")).contains("No site here");
            assertThat(v2).isNotEqualTo(v1);
        }
    }

    /** The negative cache: an unknown project costs one GET per TTL, and its message ends that. */
    @Test
    void servesANewProjectOnTheRequestAfterTheMessageThoughItsAbsenceWasCached() {
        ProxyTuning tuning =
                ProxyFixture.tuning()
                        .withPointerTtls(Duration.ofMinutes(10), Duration.ofSeconds(1));
        try (ProxyServer proxy = ProxyFixture.start(s3, redis.url(), tuning)) {
            Http http = new Http(proxy.port());
            awaitSubscribed(proxy, true);
            assertThat(http.get("later.localhost", "/").statusCode()).isEqualTo(404);
            long gets = proxy.metrics().s3Requests("GetObject");
            SiteFixture.site(s3.client(), s3.bucket(), "later")
                    .file("index.html", "arrived")
                    .publish();
            assertThat(http.get("later.localhost", "/").statusCode())
                    .as("the absence is cached until the message")
                    .isEqualTo(404);
            assertThat(proxy.metrics().s3Requests("GetObject")).isEqualTo(gets);

            redis.connection().sync().publish(LogProtocol.PROJECTS_CHANNEL, "later");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> body(http, "later.localhost").equals("arrived"));
        }
    }

    @Test
    void fallsBackToAShortTimeToLiveWhileRedisIsDownAndResubscribesWhenItReturns()
            throws Exception {
        SiteFixture.site(s3.client(), s3.bucket(), "away").file("index.html", "a1").publish();
        ProxyTuning tuning =
                ProxyFixture.tuning()
                        .withPointerTtls(Duration.ofMinutes(10), Duration.ofMillis(500));
        try (ProxyServer proxy = ProxyFixture.start(s3, redis.url(), tuning)) {
            Http http = new Http(proxy.port());
            awaitSubscribed(proxy, true);
            assertThat(body(http, "away.localhost")).isEqualTo("a1");

            redis.stop();
            try {
                awaitSubscribed(proxy, false);
                SiteFixture.site(s3.client(), s3.bucket(), "away")
                        .file("index.html", "a2")
                        .publish();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> body(http, "away.localhost").equals("a2"));
            } finally {
                redis.start();
            }
            awaitSubscribed(proxy, true);
            SiteFixture.site(s3.client(), s3.bucket(), "away").file("index.html", "a3").publish();
            redis.connection().sync().publish(LogProtocol.PROJECTS_CHANNEL, "away");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> body(http, "away.localhost").equals("a3"));
        }
    }

    @Test
    void startsAndServesWhenRedisIsUnreachable() {
        SiteFixture.site(s3.client(), s3.bucket(), "noredis").file("index.html", "ok").publish();
        String nowhere = "redis://127.0.0.1:" + dev.slipway.testing.FreePorts.next();
        try (ProxyServer proxy = ProxyFixture.start(s3, nowhere, ProxyFixture.tuning())) {
            Http http = new Http(proxy.port());
            assertThat(body(http, "noredis.localhost")).isEqualTo("ok");
            awaitSubscribed(proxy, false);
        }
    }
}
