package dev.slipway.builder.secrets;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

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
        try (SsmClient ssm = client()) {
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
        try (SsmClient ssm = client()) {
            return Optional.of(
                    ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter().value());
        } catch (ParameterNotFoundException none) {
            return Optional.empty();
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

    private static SsmClient client() {
        return SsmClient.builder()
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
                .build();
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

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "no details";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
