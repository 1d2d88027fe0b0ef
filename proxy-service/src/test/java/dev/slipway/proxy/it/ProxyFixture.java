package dev.slipway.proxy.it;

import dev.slipway.proxy.ProxyConfig;
import dev.slipway.proxy.ProxyServer;
import dev.slipway.proxy.ProxyTuning;
import dev.slipway.testing.S3ServerExtension;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Starts the proxy on a free port in front of a test S3 server (and optionally Redis). */
final class ProxyFixture {

    static final long MAX_CACHED_FILE = 64 * 1024;

    private ProxyFixture() {}

    static ProxyConfig config(S3ServerExtension s3, String redisUrl) {
        return new ProxyConfig(
                0,
                "127.0.0.1",
                "localhost",
                s3.bucket(),
                s3.endpoint(),
                S3ServerExtension.REGION,
                redisUrl,
                16L * 1024 * 1024);
    }

    static ProxyTuning tuning() {
        return ProxyTuning.defaults()
                .withStorageTimeout(Duration.ofSeconds(3))
                .withMaxCachedFileBytes(MAX_CACHED_FILE);
    }

    static ProxyServer start(S3ServerExtension s3, String redisUrl, ProxyTuning tuning) {
        return ProxyServer.start(config(s3, redisUrl), credentials(), tuning);
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                        S3ServerExtension.ACCESS_KEY, S3ServerExtension.SECRET_KEY));
    }
}
