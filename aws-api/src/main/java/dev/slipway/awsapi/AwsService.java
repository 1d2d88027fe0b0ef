package dev.slipway.awsapi;

/**
 * An AWS service Slipway calls itself: its SigV4 signing name, the first label of its AWS host, the
 * suffix of its {@code AWS_ENDPOINT_URL_<SUFFIX>} variable, and its protocol (the JSON target
 * prefix of {@code X-Amz-Target}, or the Query API version).
 */
public record AwsService(
        String signingName,
        String hostPrefix,
        String endpointSuffix,
        String jsonTarget,
        String queryVersion) {

    /** SSM Parameter Store (JSON 1.1). */
    public static final AwsService SSM = new AwsService("ssm", "ssm", "SSM", "AmazonSSM", null);

    /** ECS (JSON 1.1). */
    public static final AwsService ECS =
            new AwsService("ecs", "ecs", "ECS", "AmazonEC2ContainerServiceV20141113", null);

    /** ECR (JSON 1.1); its API host is {@code api.ecr.<region>}. */
    public static final AwsService ECR =
            new AwsService("ecr", "api.ecr", "ECR", "AmazonEC2ContainerRegistry_V20150921", null);

    /** CloudFormation (Query, XML answers). */
    public static final AwsService CLOUDFORMATION =
            new AwsService(
                    "cloudformation", "cloudformation", "CLOUDFORMATION", null, "2010-05-15");

    /** EC2 (Query, XML answers). */
    public static final AwsService EC2 = new AwsService("ec2", "ec2", "EC2", null, "2016-11-15");

    /** The service's name in messages, such as {@code ECS}. */
    public String label() {
        return endpointSuffix.equals("CLOUDFORMATION") ? "CloudFormation" : endpointSuffix;
    }
}
