package dev.slipway.desktop.backend;

import dev.slipway.core.config.AwsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
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

    public EcsClient ecs() {
        return EcsClient.builder()
                .credentialsProvider(credentials())
                .region(region())
                .overrideConfiguration(overrides())
                .httpClient(http())
                .build();
    }

    public EcrClient ecr() {
        return EcrClient.builder()
                .credentialsProvider(credentials())
                .region(region())
                .overrideConfiguration(overrides())
                .httpClient(http())
                .build();
    }

    public StsClient sts() {
        return StsClient.builder()
                .credentialsProvider(credentials())
                .region(region())
                .overrideConfiguration(overrides())
                .httpClient(http())
                .build();
    }

    public SsmClient ssm() {
        return SsmClient.builder()
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
        if ("true"
                .equalsIgnoreCase(
                        setting(
                                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                                "aws.ignoreConfiguredEndpointUrls"))) {
            return false;
        }
        if (setting("AWS_ENDPOINT_URL_S3", "aws.endpointUrlS3") != null
                || setting("AWS_ENDPOINT_URL", "aws.endpointUrl") != null) {
            return true;
        }
        return profileEndpoint().isPresent();
    }

    /**
     * The endpoint the SDK's settings give a service, for calls Slipway signs itself: {@code
     * AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}, then the profile's {@code
     * endpoint_url}; empty when none is set (the service's AWS endpoint).
     *
     * @param envSuffix the service's suffix of the variable, such as {@code EC2}
     */
    public Optional<String> endpoint(String envSuffix) {
        if ("true"
                .equalsIgnoreCase(
                        setting(
                                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                                "aws.ignoreConfiguredEndpointUrls"))) {
            return Optional.empty();
        }
        String property =
                "aws.endpointUrl"
                        + envSuffix.charAt(0)
                        + envSuffix.substring(1).toLowerCase(java.util.Locale.ROOT);
        String specific = setting("AWS_ENDPOINT_URL_" + envSuffix, property);
        if (specific != null) {
            return Optional.of(specific);
        }
        String any = setting("AWS_ENDPOINT_URL", "aws.endpointUrl");
        return any != null ? Optional.of(any) : profileEndpoint();
    }

    /** The S3 endpoint the SDK will use when one is configured, for messages. */
    public Optional<String> s3Endpoint() {
        String s3 = setting("AWS_ENDPOINT_URL_S3", "aws.endpointUrlS3");
        if (s3 != null) {
            return Optional.of(s3);
        }
        String any = setting("AWS_ENDPOINT_URL", "aws.endpointUrl");
        return any != null ? Optional.of(any) : profileEndpoint();
    }

    private Optional<String> profileEndpoint() {
        try {
            return ProfileFile.defaultProfileFile()
                    .profile(settings.profile())
                    .flatMap(p -> p.property("endpoint_url"));
        } catch (RuntimeException unreadable) {
            // An unreadable ~/.aws/config: the SDK reports it itself when it builds a client.
            return Optional.empty();
        }
    }

    private String setting(String envName, String property) {
        String fromProperty = System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnv = env.get(envName);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }
}
