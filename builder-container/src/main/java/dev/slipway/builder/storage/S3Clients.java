package dev.slipway.builder.storage;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Makes the S3 client: credentials and region from the SDK's default chain, path-style access when
 * an endpoint is given (S3-compatible servers), a connection pool as large as the uploads in
 * flight, and the SDK's standard retries.
 */
public final class S3Clients {

    private S3Clients() {}

    public static S3Client create(@Nullable URI endpoint, int maxConnections) {
        S3ClientBuilder builder =
                S3Client.builder()
                        // No aws-chunked bodies, with or without trailing checksums: one plain
                        // request per blob. TLS protects the bytes in transit; blobs are named by
                        // their SHA-256 anyway. Over plain HTTP (an S3-compatible server) the SDK
                        // would otherwise sign chunk by chunk, and S3Proxy's chunk decoder leaves
                        // the end of such a body unread, which can close the connection under the
                        // writer (docs/decisions/0004-conditional-writes-on-s3proxy.md).
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .serviceConfiguration(
                                S3Configuration.builder().chunkedEncodingEnabled(false).build())
                        .httpClient(
                                Apache5HttpClient.builder()
                                        .maxConnections(maxConnections)
                                        // "Expect: 100-continue" costs every PUT one more round
                                        // trip before its body.
                                        .expectContinueEnabled(false)
                                        .connectionTimeout(Duration.ofSeconds(5))
                                        .socketTimeout(Duration.ofSeconds(60))
                                        .build())
                        .overrideConfiguration(
                                ClientOverrideConfiguration.builder()
                                        .retryStrategy(RetryMode.STANDARD)
                                        .apiCallTimeout(Duration.ofMinutes(10))
                                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        } else if (System.getenv("AWS_ENDPOINT_URL_S3") != null
                || System.getenv("AWS_ENDPOINT_URL") != null) {
            // The SDK applies these overrides itself; S3-compatible servers need path-style access.
            builder.forcePathStyle(true);
        }
        try {
            builder.region(new DefaultAwsRegionProviderChain().getRegion());
        } catch (SdkClientException noRegion) {
            if (endpoint == null) {
                throw new StorageException(
                        "No AWS region is configured: set AWS_REGION (or the profile's region) for the bucket.",
                        noRegion);
            }
            // An S3-compatible server ignores the region, but the signature needs one.
            builder.region(Region.US_EAST_1);
        }
        return builder.build();
    }
}
