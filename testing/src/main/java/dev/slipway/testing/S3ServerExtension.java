package dev.slipway.testing;

import dev.slipway.s3server.AtomicConditionalBlobStore;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server (S3Proxy, in memory) on a free port of 127.0.0.1, with a fresh
 * bucket, for one test class. Register it as a static field:
 *
 * <pre>
 * &#64;RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
 * </pre>
 *
 * Then {@link #client()}, {@link #bucket()}, {@link #endpoint()}, or {@link #environment()} for a
 * child process. {@link #stop()} and {@link #start()} take the server away and bring it back on the
 * same port with the same objects, to test failures.
 */
public final class S3ServerExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String ACCESS_KEY = "slipway-test-access";
    public static final String SECRET_KEY = "slipway-test-secret";
    public static final String REGION = "us-east-1";

    private @Nullable BlobStore blobStore;
    private @Nullable S3Proxy proxy;
    private int port;
    private @Nullable String bucket;
    private @Nullable S3Client client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        blobStore = new AtomicConditionalBlobStore(BlobStores.create("transient", properties));
        port = FreePorts.next();
        start();
        bucket = "test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        client().createBucket(b -> b.bucket(bucket));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (client != null) {
            client.close();
            client = null;
        }
        stop();
    }

    /** Starts the server (again), on the same port, with the objects it held. */
    public synchronized void start() throws Exception {
        if (proxy != null) {
            return;
        }
        S3Proxy p =
                S3Proxy.builder()
                        .blobStore(blobStore)
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                        .endpoint(URI.create("http://127.0.0.1:" + port))
                        .ignoreUnknownHeaders(true)
                        .stopTimeout(0)
                        .build();
        p.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"STARTED".equals(p.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "S3Proxy did not start on port " + port + ": " + p.getState());
            }
            Thread.sleep(5);
        }
        proxy = p;
    }

    /** Stops the server; requests fail with a refused connection until {@link #start()}. */
    public synchronized void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The bucket made for this test class. */
    public String bucket() {
        return Objects.requireNonNull(
                bucket, "The S3 server has not started: register it with @RegisterExtension.");
    }

    /** A client for this server: path-style, static test credentials. Closed after the class. */
    public synchronized S3Client client() {
        if (client == null) {
            client = newClient();
        }
        return client;
    }

    /**
     * A new client the caller closes, for tests that configure their own. Plain bodies, as the
     * local stack's client sends (S3Proxy leaves an aws-chunked trailer's signature unread and
     * closes the connection under the writer: see {@code Backends.localS3}).
     */
    public S3Client newClient() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        ClientOverrideConfiguration.builder()
                                .apiCallTimeout(Duration.ofSeconds(30))
                                .build())
                .build();
    }

    /** Makes another empty bucket on this server. */
    public String createBucket() {
        String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
        client().createBucket(b -> b.bucket(name));
        return name;
    }

    /**
     * The environment a child process (the builder, the proxy) needs to reach this server and
     * bucket: {@code S3_BUCKET}, {@code S3_ENDPOINT}, {@code AWS_REGION} and the test credentials.
     */
    public Map<String, String> environment() {
        return Map.of(
                "S3_BUCKET", bucket(),
                "S3_ENDPOINT", endpoint().toString(),
                "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }
}
