package dev.slipway.builder.secrets;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

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
        try (SsmClient ssm =
                SsmClient.builder()
                        .httpClient(
                                UrlConnectionHttpClient.builder()
                                        .connectionTimeout(Duration.ofSeconds(5))
                                        .socketTimeout(Duration.ofSeconds(30))
                                        .build())
                        .overrideConfiguration(
                                ClientOverrideConfiguration.builder()
                                        .retryStrategy(RetryMode.STANDARD)
                                        .apiCallTimeout(Duration.ofMinutes(1))
                                        .build())
                        .build()) {
            ssm
                    .getParametersByPathPaginator(
                            r -> r.path(path).recursive(false).withDecryption(true))
                    .stream()
                    .flatMap(page -> page.parameters().stream())
                    .forEach(p -> add(out, path, p, problems));
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

    private static void add(
            Map<String, String> out, String path, Parameter parameter, List<String> problems) {
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

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
