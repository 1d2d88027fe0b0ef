package dev.slipway.core.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code aws} section of {@code config.json} (contract section 8). Credentials are never here:
 * the SDK's default chain supplies them, with {@code profile}.
 */
public record AwsSettings(
        String profile,
        String region,
        @Nullable String bucket,
        String cluster,
        String taskDefinition,
        String containerName,
        List<String> subnets,
        List<String> securityGroups,
        Boolean assignPublicIp,
        @Nullable String redisUrl) {

    public static final String DEFAULT_PROFILE = "default";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_CLUSTER = "slipway";
    public static final String DEFAULT_TASK_DEFINITION = "slipway-builder";
    public static final String DEFAULT_CONTAINER_NAME = "builder";

    /** Settings as read: a blank or absent value takes its default. */
    public AwsSettings(
            @Nullable String profile,
            @Nullable String region,
            @Nullable String bucket,
            @Nullable String cluster,
            @Nullable String taskDefinition,
            @Nullable String containerName,
            @Nullable List<String> subnets,
            @Nullable List<String> securityGroups,
            @Nullable Boolean assignPublicIp,
            @Nullable String redisUrl) {
        this.profile = blankToDefault(profile, DEFAULT_PROFILE);
        this.region = blankToDefault(region, DEFAULT_REGION);
        this.bucket = bucket;
        this.cluster = blankToDefault(cluster, DEFAULT_CLUSTER);
        this.taskDefinition = blankToDefault(taskDefinition, DEFAULT_TASK_DEFINITION);
        this.containerName = blankToDefault(containerName, DEFAULT_CONTAINER_NAME);
        this.subnets = subnets == null ? List.of() : List.copyOf(subnets);
        this.securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        this.assignPublicIp = assignPublicIp == null ? Boolean.TRUE : assignPublicIp;
        this.redisUrl = redisUrl;
    }

    /** The defaults: nothing that names the user's own resources is set. */
    public static AwsSettings defaults() {
        return new AwsSettings(null, null, null, null, null, null, null, null, null, null);
    }

    private static String blankToDefault(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
