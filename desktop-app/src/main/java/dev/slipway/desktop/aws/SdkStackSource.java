package dev.slipway.desktop.aws;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.desktop.SlipwayException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * {@link StackSource} over the AWS SDK: CloudFormation DescribeStacks and SSM GetParameter, with
 * credentials from the SDK's default chain for the named profile. Endpoint overrides come from the
 * SDK's own settings ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_CLOUDFORMATION}, the
 * profile's {@code endpoint_url}). Every SDK failure becomes one {@link SlipwayException} here.
 */
public final class SdkStackSource implements StackSource {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<String> REJECTED_CREDENTIALS =
            Set.of(
                    "InvalidClientTokenId",
                    "UnrecognizedClientException",
                    "SignatureDoesNotMatch",
                    "ExpiredToken",
                    "ExpiredTokenException",
                    "InvalidSignatureException");

    @Override
    public String defaultRegion(String profile) {
        try {
            return DefaultAwsRegionProviderChain.builder()
                    .profileName(profile)
                    .build()
                    .getRegion()
                    .id();
        } catch (SdkClientException noRegion) {
            return null;
        }
    }

    @Override
    public StackDescription describe(AwsTarget target, String stackName) {
        try (DefaultCredentialsProvider credentials = credentials(target);
                CloudFormationClient cfn =
                        CloudFormationClient.builder()
                                .region(Region.of(target.region()))
                                .credentialsProvider(credentials)
                                .overrideConfiguration(
                                        o ->
                                                o.defaultProfileName(target.profile())
                                                        .apiCallTimeout(CALL_TIMEOUT))
                                .httpClient(http())
                                .build()) {
            Stack stack = cfn.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
            Map<String, String> outputs = new LinkedHashMap<>();
            for (Output output : stack.outputs()) {
                outputs.put(output.outputKey(), output.outputValue());
            }
            return new StackDescription(
                    stack.stackName(),
                    stack.stackStatusAsString(),
                    stack.stackStatusReason(),
                    outputs);
        } catch (AwsServiceException e) {
            if (isMissingStack(e)) {
                throw SlipwayException.badInput(
                        "There is no CloudFormation stack named \""
                                + stackName
                                + "\" in "
                                + where(target)
                                + ". Create it from infra/slipway.yaml first (docs/aws.md), or pass the --stack"
                                + " and --region of the one you made.");
            }
            throw serviceFailure(e, target, "cloudformation:DescribeStacks on the stack");
        } catch (SdkException e) {
            throw clientFailure(e, target, "CloudFormation");
        }
    }

    @Override
    public String secureParameter(AwsTarget target, String name) {
        try (DefaultCredentialsProvider credentials = credentials(target);
                SsmClient ssm =
                        SsmClient.builder()
                                .region(Region.of(target.region()))
                                .credentialsProvider(credentials)
                                .overrideConfiguration(
                                        o ->
                                                o.defaultProfileName(target.profile())
                                                        .apiCallTimeout(CALL_TIMEOUT))
                                .httpClient(http())
                                .build()) {
            return ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter().value();
        } catch (ParameterNotFoundException e) {
            throw new SlipwayException(
                    ExitStatus.BAD_INPUT,
                    "The stack reads the Redis URL from the SSM parameter "
                            + name
                            + ", which does not exist in "
                            + where(target)
                            + ". Create it: aws ssm put-parameter --type SecureString --name "
                            + name
                            + " --value 'rediss://:PASSWORD@HOST:PORT' (docs/aws.md), or pass --redis-url.",
                    e);
        } catch (AwsServiceException e) {
            throw serviceFailure(
                    e,
                    target,
                    "ssm:GetParameter on " + name + " (or pass --redis-url to skip reading it)");
        } catch (SdkException e) {
            throw clientFailure(e, target, "SSM");
        }
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static DefaultCredentialsProvider credentials(AwsTarget target) {
        return DefaultCredentialsProvider.builder().profileName(target.profile()).build();
    }

    private static boolean isMissingStack(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message =
                String.valueOf(
                        e.awsErrorDetails() == null
                                ? e.getMessage()
                                : e.awsErrorDetails().errorMessage());
        return "ValidationError".equals(code)
                && message.toLowerCase(Locale.ROOT).contains("does not exist");
    }

    private static SlipwayException serviceFailure(
            AwsServiceException e, AwsTarget target, String permission) {
        String code =
                e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        String detail =
                e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        if (REJECTED_CREDENTIALS.contains(code)) {
            return SlipwayException.infrastructure(
                    "AWS rejected the credentials of profile \""
                            + target.profile()
                            + "\" ("
                            + code
                            + "). Refresh them (aws configure --profile "
                            + target.profile()
                            + ", or aws sso login --profile "
                            + target.profile()
                            + ") and try again.",
                    e);
        }
        if (e.statusCode() == 403 || code.contains("AccessDenied")) {
            return SlipwayException.infrastructure(
                    "The credentials of profile \""
                            + target.profile()
                            + "\" may not call "
                            + permission
                            + " in "
                            + target.region()
                            + ". Use a profile that may (the section Your credentials of docs/security.md lists what aws init needs).",
                    e);
        }
        return SlipwayException.infrastructure(
                "AWS refused the request in " + where(target) + ": " + detail + " (" + code + ").",
                e);
    }

    private static SlipwayException clientFailure(
            SdkException e, AwsTarget target, String service) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load credentials")
                || message.contains("credentials")
                || message.contains("Profile file contained no")) {
            return SlipwayException.infrastructure(
                    "No usable AWS credentials for profile \""
                            + target.profile()
                            + "\". Set them up with aws configure --profile "
                            + target.profile()
                            + " (or aws sso login --profile "
                            + target.profile()
                            + "), or pass --profile with one that has them.",
                    e);
        }
        return SlipwayException.infrastructure(
                "Could not reach "
                        + service
                        + " in "
                        + target.region()
                        + " ("
                        + firstLine(message)
                        + "). Check the network, the region, and AWS_ENDPOINT_URL if you set it.",
                e);
    }

    private static String where(AwsTarget target) {
        return target.region() + " (profile \"" + target.profile() + "\")";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
