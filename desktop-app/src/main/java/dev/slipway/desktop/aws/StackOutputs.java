package dev.slipway.desktop.aws;

import java.util.List;

/**
 * The output keys of {@code infra/slipway.yaml} that {@code slipway aws init} reads. The template
 * names them in its {@code Outputs} section; a test checks that both agree.
 */
public final class StackOutputs {
    public static final String REGION = "Region";
    public static final String BUCKET = "Bucket";
    public static final String CLUSTER = "Cluster";
    public static final String TASK_DEFINITION = "TaskDefinition";
    public static final String CONTAINER_NAME = "ContainerName";

    /** Comma-separated subnet ids. */
    public static final String SUBNETS = "Subnets";

    /** Comma-separated security group ids. */
    public static final String SECURITY_GROUPS = "SecurityGroups";

    /** {@code true} or {@code false}. */
    public static final String ASSIGN_PUBLIC_IP = "AssignPublicIp";

    /** The name of the SSM SecureString parameter that holds the Redis URL. */
    public static final String REDIS_URL_PARAMETER = "RedisUrlParameter";

    /** Present only when the stack runs the proxy behind a load balancer. */
    public static final String BASE_DOMAIN = "BaseDomain";

    /** Every output a stack must have for {@code aws init} to write a working config. */
    public static final List<String> REQUIRED =
            List.of(
                    REGION,
                    BUCKET,
                    CLUSTER,
                    TASK_DEFINITION,
                    CONTAINER_NAME,
                    SUBNETS,
                    SECURITY_GROUPS,
                    ASSIGN_PUBLIC_IP,
                    REDIS_URL_PARAMETER);

    private StackOutputs() {}
}
