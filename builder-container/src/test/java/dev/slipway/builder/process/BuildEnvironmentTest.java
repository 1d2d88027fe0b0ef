package dev.slipway.builder.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildEnvironmentTest {

    private static final Map<String, String> HOST =
            Map.of(
                    "NODE_EXTRA_CA_CERTS", "/etc/ssl/company.pem",
                    "HTTPS_PROXY", "http://proxy.example:3128",
                    "AWS_SECRET_ACCESS_KEY", "never",
                    "REDIS_URL", "redis://never");

    @Test
    void installAndBuildGetTheHostsCaAndProxyButNoOtherHostVariable() {
        BuildEnvironment env =
                new BuildEnvironment("/usr/bin", Path.of("/tmp/home"), Map.of())
                        .withNetworkOf(HOST);

        for (Map<String, String> e : new Map[] {env.forInstall(), env.forBuild()}) {
            assertThat(e)
                    .containsEntry("NODE_EXTRA_CA_CERTS", "/etc/ssl/company.pem")
                    .containsEntry("HTTPS_PROXY", "http://proxy.example:3128")
                    .doesNotContainKeys("AWS_SECRET_ACCESS_KEY", "REDIS_URL");
        }
    }

    @Test
    void theNetworkSettingsSurviveAddingTheManagersShimsAndThePersonsVariablesWin() {
        BuildEnvironment env =
                new BuildEnvironment(
                                "/usr/bin",
                                Path.of("/tmp/home"),
                                Map.of("HTTPS_PROXY", "http://mine.example:8080"))
                        .withNetworkOf(HOST)
                        .withTools(
                                Path.of("/tmp/home/.slipway/bin"), Map.of("COREPACK_HOME", "/c"));

        assertThat(env.forBuild())
                .containsEntry("NODE_EXTRA_CA_CERTS", "/etc/ssl/company.pem")
                .containsEntry("HTTPS_PROXY", "http://mine.example:8080")
                .containsEntry("COREPACK_HOME", "/c")
                .containsEntry("PATH", "/tmp/home/.slipway/bin:/usr/bin");
    }

    @Test
    void withoutNetworkSettingsOnTheHostNoneAreSet() {
        BuildEnvironment env =
                new BuildEnvironment("/usr/bin", Path.of("/tmp/home"), Map.of())
                        .withNetworkOf(Map.of("PATH", "/x"));

        assertThat(env.forInstall())
                .doesNotContainKeys(BuildEnvironment.NETWORK_VARIABLES.toArray(String[]::new));
    }
}
