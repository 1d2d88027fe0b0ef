package dev.slipway.core.config;

import java.util.List;

/**
 * The {@code aws} section of {@code config.json} (contract section 8). Credentials are never here:
 * the SDK's default chain supplies them, with {@code profile}.
 */
public record AwsSettings(
        String profile,
        String region,
        String bucket,
        String cluster,
        String taskDefinition,
        String containerName,
        List<String> subnets,
        List<String> securityGroups,
        Boolean assignPublicIp,
        String redisUrl) {

    public static final String DEFAULT_PROFILE = "default";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_CLUSTER = "slipway";
    public static final String DEFAULT_TASK_DEFINITION = "slipway-builder";
    public static final String DEFAULT_CONTAINER_NAME = "builder";

    public AwsSettings {
        profile = blankToDefault(profile, DEFAULT_PROFILE);
        region = blankToDefault(region, DEFAULT_REGION);
        cluster = blankToDefault(cluster, DEFAULT_CLUSTER);
        taskDefinition = blankToDefault(taskDefinition, DEFAULT_TASK_DEFINITION);
        containerName = blankToDefault(containerName, DEFAULT_CONTAINER_NAME);
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        assignPublicIp = assignPublicIp == null ? Boolean.TRUE : assignPublicIp;
    }

    /** The defaults: nothing that names the user's own resources is set. */
    public static AwsSettings defaults() {
        return new AwsSettings(null, null, null, null, null, null, null, null, null, null);
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
