package dev.slipway.desktop.launch;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.desktop.SlipwayException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns ECS's errors into one sentence each that names the setting of config.json to fix: by ECS's
 * error code (the JSON answer's {@code __type}, such as {@code ClusterNotFoundException}) and
 * message.
 */
final class EcsErrors {

    private final AwsSettings aws;

    EcsErrors(AwsSettings aws) {
        this.aws = aws;
    }

    SlipwayException translate(String action, RuntimeException e) {
        if (e instanceof SlipwayException s) {
            return s;
        }
        String code = code(e);
        String message =
                e instanceof AwsServiceException ecs && ecs.awsErrorDetails() != null
                        ? ecs.awsErrorDetails().errorMessage()
                        : firstLine(e.getMessage());
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if ("ClusterNotFoundException".equals(code) || lower.contains("cluster not found")) {
            return SlipwayException.badInput(
                    "The ECS cluster '"
                            + aws.cluster()
                            + "' does not exist in "
                            + aws.region()
                            + "; create it (slipway aws init --stack) or set \"aws.cluster\" in config.json.");
        }
        if (isAccessDenied(e)) {
            return new SlipwayException(
                    ExitStatus.INFRASTRUCTURE,
                    "AWS denied "
                            + action
                            + " to the profile '"
                            + aws.profile()
                            + "' ("
                            + message
                            + "); grant it that permission (and iam:PassRole for the task's roles), or set \"aws.profile\" in config.json to one that has it.",
                    e);
        }
        if (lower.contains("task definition") || lower.contains("taskdefinition")) {
            return SlipwayException.badInput(
                    "The ECS task definition '"
                            + aws.taskDefinition()
                            + "' was not found in "
                            + aws.region()
                            + " ("
                            + message
                            + "); register it (slipway aws init --stack) or set \"aws.taskDefinition\" in config.json.");
        }
        if (lower.contains("container") && lower.contains("override")) {
            return SlipwayException.badInput(
                    "The task definition '"
                            + aws.taskDefinition()
                            + "' has no container named '"
                            + aws.containerName()
                            + "' ("
                            + message
                            + "); set \"aws.containerName\" in config.json.");
        }
        if (lower.contains("subnet")) {
            return SlipwayException.badInput(
                    "ECS rejected the subnets "
                            + aws.subnets()
                            + " ("
                            + message
                            + "); fix \"aws.subnets\" in config.json.");
        }
        if (lower.contains("security group") || lower.contains("securitygroup")) {
            return SlipwayException.badInput(
                    "ECS rejected the security groups "
                            + aws.securityGroups()
                            + " ("
                            + message
                            + "); fix \"aws.securityGroups\" in config.json.");
        }
        if ("InvalidParameterException".equals(code) || "ClientException".equals(code)) {
            return SlipwayException.badInput(
                    "ECS rejected "
                            + action
                            + ": "
                            + message
                            + "; check the \"aws\" settings in config.json.");
        }
        if (e instanceof SdkClientException) {
            return SlipwayException.infrastructure(
                    "Cannot reach ECS in "
                            + aws.region()
                            + " ("
                            + message
                            + "); check the network, the credentials of the profile '"
                            + aws.profile()
                            + "' and \"aws.region\" in config.json.",
                    e);
        }
        return SlipwayException.infrastructure(
                "ECS failed on " + action + ": " + message + "; try again, or run slipway doctor.",
                e);
    }

    SlipwayException runTaskFailures(List<EcsCalls.Failure> failures) {
        if (failures.isEmpty()) {
            return SlipwayException.infrastructure(
                    "ECS started no task and gave no reason; try again, or run slipway doctor.",
                    null);
        }
        String details =
                failures.stream()
                        .map(
                                f ->
                                        f.reason()
                                                + (f.detail() == null
                                                        ? ""
                                                        : " (" + f.detail() + ")")
                                                + (f.arn() == null ? "" : " for " + f.arn()))
                        .collect(Collectors.joining("; "));
        String lower = details.toLowerCase(Locale.ROOT);
        String setting;
        if (lower.contains("cluster")) {
            setting = "\"aws.cluster\"";
        } else if (lower.contains("subnet") || lower.contains("eni") || lower.contains("network")) {
            setting = "\"aws.subnets\" and \"aws.securityGroups\"";
        } else if (lower.contains("capacity") || lower.contains("resource")) {
            setting = "the task definition's cpu and memory (\"aws.taskDefinition\")";
        } else {
            setting = "the \"aws\" settings";
        }
        return SlipwayException.infrastructure(
                "ECS could not start the build task: "
                        + details
                        + "; check "
                        + setting
                        + " in config.json.",
                null);
    }

    /** ECS's error code of a refusal, or null. */
    static String code(RuntimeException e) {
        return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode()
                : null;
    }

    private static boolean isAccessDenied(RuntimeException e) {
        if (e instanceof AwsServiceException ecs) {
            String code = code(e);
            return ecs.statusCode() == 403
                    || "AccessDeniedException".equals(code)
                    || "UnauthorizedOperation".equals(code);
        }
        return false;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static String join(List<String> items) {
        return String.join(", ", items);
    }
}
