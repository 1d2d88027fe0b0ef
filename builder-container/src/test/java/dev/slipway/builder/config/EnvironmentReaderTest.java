package dev.slipway.builder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.core.project.SpaMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentReaderTest {

    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("GIT_REPOSITORY_URL", "https://github.com/o/r");
        env.put("PROJECT_ID", "demo");
        env.put("DEPLOYMENT_ID", "01JD3Y7M2Q8ZK4T6V9W0XBCDEF");
        env.put("S3_BUCKET", "sites");
        env.put("REDIS_URL", "redis://127.0.0.1:6379");
        return env;
    }

    @Test
    void readsDefaultsFromMinimalEnvironment() {
        BuildConfig c = new EnvironmentReader(valid()).read();
        assertThat(c.buildTimeout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(c.cacheEnabled()).isTrue();
        assertThat(c.spa()).isEqualTo(SpaMode.AUTO);
        assertThat(c.force()).isFalse();
        assertThat(c.allowLocalRepository()).isFalse();
        assertThat(c.buildEnv()).isEmpty();
    }

    @Test
    void reportsEveryProblemWithWhatToSet() {
        Map<String, String> env = valid();
        env.put("PROJECT_ID", "Demo!");
        env.put("BUILD_TIMEOUT_SECONDS", "soon");
        env.put("BUILD_ENV", "[1]");
        env.put("SPA", "maybe");
        env.remove("S3_BUCKET");
        assertThatThrownBy(() -> new EnvironmentReader(env).read())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("PROJECT_ID:")
                .hasMessageContaining("BUILD_TIMEOUT_SECONDS=soon is not a whole number")
                .hasMessageContaining("BUILD_ENV must be a JSON object")
                .hasMessageContaining("SPA=maybe is not one of auto, true or false")
                .hasMessageContaining("S3_BUCKET is missing");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "{\"A\":\"1\"} trailing",
                "{\"A\":\"1\"}{\"B\":\"2\"}",
                "{\"A\":\"1\",\"A\":\"2\"}",
                "{\"A\":\"1\",}",
                "\"just a string\""
            })
    void refusesBuildEnvThatIsNotExactlyOneObjectWithUniqueNames(String raw) {
        Map<String, String> env = valid();
        env.put("BUILD_ENV", raw);
        assertThatThrownBy(() -> new EnvironmentReader(env).read())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("BUILD_ENV");
    }

    @Test
    void refusesBuildEnvNamingTheBuildersSecrets() {
        Map<String, String> env = valid();
        env.put(
                "BUILD_ENV",
                "{\"GIT_TOKEN\":\"x\",\"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI\":\"/v2\",\"OK\":\"1\"}");
        assertThatThrownBy(() -> new EnvironmentReader(env).read())
                .hasMessageContaining("BUILD_ENV: GIT_TOKEN is reserved")
                .hasMessageContaining(
                        "BUILD_ENV: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is reserved");
    }

    @Test
    void acceptsStringNumberAndBooleanBuildEnvValues() {
        Map<String, String> env = valid();
        env.put("BUILD_ENV", "{\"A\":\"x\",\"B\":2,\"C\":true}");
        assertThat(new EnvironmentReader(env).read().buildEnv())
                .containsExactlyInAnyOrderEntriesOf(Map.of("A", "x", "B", "2", "C", "true"));
    }

    @Test
    void refusesUrlsThatAreNotHttpsAndHidesCredentials() {
        for (String url :
                new String[] {
                    "http://h/r",
                    "git@github.com:o/r.git",
                    "ssh://h/r",
                    "/srv/repo",
                    "file:///srv/repo"
                }) {
            Map<String, String> env = valid();
            env.put("GIT_REPOSITORY_URL", url);
            assertThatThrownBy(() -> new EnvironmentReader(env).read())
                    .as(url)
                    .hasMessageContaining("GIT_REPOSITORY_URL");
        }
        Map<String, String> env = valid();
        env.put("GIT_REPOSITORY_URL", "https://user:hunter2secret@github.com/o/r");
        assertThatThrownBy(() -> new EnvironmentReader(env).read())
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("hunter2secret");
    }

    @Test
    void allowsLocalPathsOnlyWhenAllowed() {
        Map<String, String> env = valid();
        env.put("GIT_REPOSITORY_URL", "/srv/repo");
        env.put("ALLOW_LOCAL_REPOSITORY", "true");
        assertThat(new EnvironmentReader(env).read().repositoryUrl()).isEqualTo("/srv/repo");
    }

    @Test
    void refusesFoldersLeavingTheRepository() {
        Map<String, String> env = valid();
        env.put("ROOT_DIRECTORY", "../etc");
        env.put("OUTPUT_DIRECTORY", "/abs");
        assertThatThrownBy(() -> new EnvironmentReader(env).read())
                .hasMessageContaining("--root-dir ../etc must be a folder inside the repository")
                .hasMessageContaining("--output-dir /abs must be a folder inside the repository");
    }

    @Test
    void normalisesRelativeFolders() {
        Map<String, String> env = valid();
        env.put("ROOT_DIRECTORY", "./apps/web/");
        assertThat(new EnvironmentReader(env).read().rootDirectory()).isEqualTo("apps/web");
    }

    @Test
    void reportTargetsKeepOnlyValidIdentifiers() {
        Map<String, String> env = valid();
        env.put("PROJECT_ID", "Bad Name");
        EnvironmentReader.ReportTargets t = new EnvironmentReader(env).reportTargets();
        assertThat(t.project()).isEmpty();
        assertThat(t.deploymentId()).isPresent();
        assertThat(t.redisUrl()).contains("redis://127.0.0.1:6379");
    }
}
