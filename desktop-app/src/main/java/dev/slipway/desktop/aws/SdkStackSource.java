package dev.slipway.desktop.aws;

import dev.slipway.awsapi.AwsApi;
import dev.slipway.awsapi.AwsService;
import dev.slipway.awsapi.SsmParameters;
import dev.slipway.core.build.ExitStatus;
import dev.slipway.desktop.SlipwayException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@link StackSource} over CloudFormation DescribeStacks and SSM GetParameter (signed calls of
 * {@link AwsApi}), with credentials from the SDK's default chain for the named profile. Endpoint
 * overrides come from the SDK's own settings ({@code AWS_ENDPOINT_URL}, {@code
 * AWS_ENDPOINT_URL_CLOUDFORMATION}, the profile's {@code endpoint_url}). Every SDK failure becomes
 * one {@link SlipwayException} here.
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
                AwsApi cfn = api(AwsService.CLOUDFORMATION, target, credentials)) {
            Document answer = cfn.query("DescribeStacks", Map.of("StackName", stackName));
            Map<String, String> outputs = new LinkedHashMap<>();
            NodeList keys = answer.getElementsByTagName("OutputKey");
            for (int i = 0; i < keys.getLength(); i++) {
                Element output = (Element) keys.item(i).getParentNode();
                NodeList value = output.getElementsByTagName("OutputValue");
                outputs.put(
                        keys.item(i).getTextContent().trim(),
                        value.getLength() == 0 ? "" : value.item(0).getTextContent().trim());
            }
            String reason = AwsApi.text(answer, "StackStatusReason");
            return new StackDescription(
                    AwsApi.text(answer, "StackName"),
                    AwsApi.text(answer, "StackStatus"),
                    reason,
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
                SsmParameters ssm = new SsmParameters(api(AwsService.SSM, target, credentials))) {
            return ssm.get(name, true)
                    .orElseThrow(
                            () ->
                                    new SlipwayException(
                                            ExitStatus.BAD_INPUT,
                                            "The stack reads the Redis URL from the SSM parameter "
                                                    + name
                                                    + ", which does not exist in "
                                                    + where(target)
                                                    + ". Create it: aws ssm put-parameter --type SecureString --name "
                                                    + name
                                                    + " --value 'rediss://:PASSWORD@HOST:PORT' (docs/aws.md), or pass --redis-url.",
                                            null));
        } catch (AwsServiceException e) {
            throw serviceFailure(
                    e,
                    target,
                    "ssm:GetParameter on " + name + " (or pass --redis-url to skip reading it)");
        } catch (SdkException e) {
            throw clientFailure(e, target, "SSM");
        }
    }

    private static AwsApi api(
            AwsService service, AwsTarget target, DefaultCredentialsProvider credentials) {
        return new AwsApi(
                service,
                Region.of(target.region()),
                AwsApi.configuredEndpoint(
                        service.endpointSuffix(), target.profile(), System.getenv()),
                credentials,
                AwsApi.retriesOf(target.profile()),
                CALL_TIMEOUT);
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
