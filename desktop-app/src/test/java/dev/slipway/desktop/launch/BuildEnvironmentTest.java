package dev.slipway.desktop.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.project.SpaMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildEnvironmentTest {

    @Test
    void leavesUnsetSettingsOutSoTheBuilderDetectsThem() {
        DeploymentId id = DeploymentId.newId();
        Map<String, String> env =
                BuildEnvironment.of(
                        new LaunchSpec(
                                Slug.of("demo"),
                                id,
                                "https://github.com/o/r",
                                ProjectSettings.defaults(),
                                Map.of(),
                                "http://demo.localhost:8000/",
                                "secret-token"));
        assertThat(env)
                .containsExactly(
                        Map.entry("GIT_REPOSITORY_URL", "https://github.com/o/r"),
                        Map.entry("PROJECT_ID", "demo"),
                        Map.entry("DEPLOYMENT_ID", id.value()),
                        Map.entry("SITE_URL", "http://demo.localhost:8000/"),
                        Map.entry("SPA", "auto"));
        assertThat(env.values()).doesNotContain("secret-token");
    }

    @Test
    void carriesEverySettingAndTheBuildEnvironmentAsOneJsonObject() {
        Map<String, String> env =
                BuildEnvironment.of(
                        new LaunchSpec(
                                Slug.of("demo"),
                                DeploymentId.newId(),
                                "https://github.com/o/r",
                                new ProjectSettings(
                                        "v1", "web", "pnpm i", "pnpm build", "out", SpaMode.FALSE),
                                Map.of("B", "2 \"quoted\"", "A", "1"),
                                null,
                                null));
        assertThat(env)
                .containsEntry("GIT_REF", "v1")
                .containsEntry("ROOT_DIRECTORY", "web")
                .containsEntry("INSTALL_COMMAND", "pnpm i")
                .containsEntry("BUILD_COMMAND", "pnpm build")
                .containsEntry("OUTPUT_DIRECTORY", "out")
                .containsEntry("SPA", "false")
                .containsEntry("BUILD_ENV", "{\"A\":\"1\",\"B\":\"2 \\\"quoted\\\"\"}")
                .doesNotContainKey("SITE_URL");
    }

    @Test
    void measuresOverridesAsEcsCountsThem() {
        assertThat(EcsLauncher.packedSize("builder", Map.of("A", "1")))
                .isEqualTo(
                        "{\"containerOverrides\":[{\"name\":\"builder\",\"environment\":[{\"name\":\"A\",\"value\":\"1\"}]}]}"
                                .length());
    }
}
