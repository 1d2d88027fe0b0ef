package dev.slipway.desktop.backend;

import dev.slipway.awsapi.AwsApi;
import dev.slipway.awsapi.AwsService;
import dev.slipway.core.config.AwsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the AWS clients of AWS mode from the {@code aws} settings: credentials from the SDK's
 * default chain with the configured profile, the configured region, and the SDK's own endpoint
 * settings ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_S3}, a profile's {@code
 * endpoint_url}), with path-style S3 access whenever the S3 endpoint is overridden.
 */
public final class AwsClients {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final AwsSettings settings;
    private final Map<String, String> env;

    public AwsClients(AwsSettings settings, Map<String, String> env) {
        this.settings = settings;
        this.env = env;
    }

    public AwsCredentialsProvider credentials() {
        return DefaultCredentialsProvider.builder().profileName(settings.profile()).build();
    }

    public Region region() {
        return Region.of(settings.region());
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .defaultProfileName(settings.profile())
                .apiCallTimeout(CALL_TIMEOUT)
                .build();
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    public S3Client s3() {
        return S3Client.builder()
                .credentialsProvider(credentials())
                .region(region())
                .overrideConfiguration(overrides())
                .httpClient(http())
                .forcePathStyle(s3EndpointOverridden())
                .build();
    }

    /**
     * A client of one of the services Slipway calls without its SDK: the profile's credentials, the
     * region, the endpoint of {@link #endpoint}, the SDK's retry mode for the profile ({@code
     * AWS_RETRY_MODE}, the profile's {@code retry_mode}, else legacy: up to 3 retries), 30 s per
     * call.
     */
    public AwsApi api(AwsService service) {
        return new AwsApi(
                service,
                region(),
                endpoint(service.endpointSuffix()),
                credentials(),
                AwsApi.retriesOf(settings.profile()),
                CALL_TIMEOUT);
    }

    public StsClient sts() {
        return StsClient.builder()
                .credentialsProvider(credentials())
                .region(region())
                .overrideConfiguration(overrides())
                .httpClient(http())
                .build();
    }

    /**
     * Whether the SDK's settings point S3 somewhere other than AWS, so path-style access is needed.
     */
    boolean s3EndpointOverridden() {
        return endpoint("S3").isPresent();
    }

    /**
     * The endpoint the SDK's settings give a service, for calls Slipway signs itself: {@code
     * AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}, then the profile's {@code
     * endpoint_url}; empty when none is set (the service's AWS endpoint).
     *
     * @param envSuffix the service's suffix of the variable, such as {@code EC2}
     */
    public Optional<String> endpoint(String envSuffix) {
        return AwsApi.configuredEndpoint(envSuffix, settings.profile(), env);
    }

    /** The S3 endpoint the SDK will use when one is configured, for messages. */
    public Optional<String> s3Endpoint() {
        return endpoint("S3");
    }
}
