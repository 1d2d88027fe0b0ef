package dev.slipway.builder.secrets;

import dev.slipway.awsapi.AwsApi;
import dev.slipway.awsapi.AwsService;
import dev.slipway.awsapi.SsmParameters;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Reads the build's secret variables from SSM Parameter Store at start ({@code
 * SECRETS_PARAMETER_PATH}, contract section 5): every SecureString directly under the path, with
 * decryption, named by the last segment of its name. Credentials, region and endpoint come from the
 * SDK's default chain (the task role, the task definition's {@code AWS_REGION}, {@code
 * AWS_ENDPOINT_URL_SSM}). The values go to install and build only, masked in the log.
 */
public final class ParameterStoreSecrets {

    private static final Pattern PATH = Pattern.compile("^/[A-Za-z0-9_.\\-/]+$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    /** A host name as it may end a parameter name: lower case, no port. */
    public static final Pattern HOST = Pattern.compile("^[a-z0-9][a-z0-9.-]*$");

    /** The segment under a project's path that holds its clone tokens, one per host. */
    public static final String GIT_SEGMENT = "git";

    private ParameterStoreSecrets() {}

    /**
     * The variables under {@code path}; a problem (bad path, SSM unreachable or refusing, a name
     * that is not a variable name) is added to {@code problems} saying what to do.
     */
    public static Map<String, String> read(String path, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!PATH.matcher(path).matches() || path.endsWith("/")) {
            problems.add(
                    "SECRETS_PARAMETER_PATH="
                            + path
                            + " is not a parameter path: give one such as /slipway/<stack>/projects/<project>.");
            return out;
        }
        try (SsmParameters ssm = client()) {
            ssm.byPath(path, false, true).forEach(p -> add(out, path, p, problems));
        } catch (SdkException e) {
            problems.add(
                    "The secrets under SECRETS_PARAMETER_PATH="
                            + path
                            + " cannot be read ("
                            + firstLine(e.getMessage())
                            + "): the task role needs ssm:GetParametersByPath on that path and kms:Decrypt through SSM.");
        }
        return out;
    }

    /**
     * The project's clone token for {@code host}: the SecureString {@code <path>/git/<host>} (one
     * level below the build variables, so {@link #read} never returns it as one), read with
     * GetParameter; empty when the project has none for that host.
     */
    public static Optional<String> gitToken(String path, String host, List<String> problems) {
        if (!PATH.matcher(path).matches() || path.endsWith("/") || !HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        String name = path + "/" + GIT_SEGMENT + "/" + host;
        try (SsmParameters ssm = client()) {
            return ssm.get(name, true);
        } catch (SdkException e) {
            problems.add(
                    "The clone token "
                            + name
                            + " cannot be read ("
                            + firstLine(e.getMessage())
                            + "): the task role needs ssm:GetParameter on that path and kms:Decrypt through SSM.");
            return Optional.empty();
        }
    }

    /**
     * SSM with the SDK's default chains: the task role's credentials, the task definition's {@code
     * AWS_REGION}, {@code AWS_ENDPOINT_URL_SSM}; the SDK's standard retries, one minute per call.
     */
    private static SsmParameters client() {
        return new SsmParameters(
                new AwsApi(
                        AwsService.SSM,
                        DefaultAwsRegionProviderChain.builder().build().getRegion(),
                        AwsApi.configuredEndpoint(
                                "SSM",
                                ProfileFileSystemSetting.AWS_PROFILE
                                        .getStringValue()
                                        .orElse("default"),
                                System.getenv()),
                        DefaultCredentialsProvider.builder().build(),
                        AwsRetryStrategy.standardRetryStrategy(),
                        Duration.ofMinutes(1)));
    }

    private static void add(
            Map<String, String> out,
            String path,
            SsmParameters.Parameter parameter,
            List<String> problems) {
        String name = parameter.name().substring(path.length() + 1);
        if (!ENV_NAME.matcher(name).matches()) {
            problems.add(
                    "The parameter "
                            + parameter.name()
                            + " is not named like a variable: rename it to letters, digits and '_' under "
                            + path
                            + ".");
            return;
        }
        out.put(name, parameter.value());
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "no details";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
