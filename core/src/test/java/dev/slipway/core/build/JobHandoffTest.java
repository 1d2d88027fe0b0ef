package dev.slipway.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobHandoffTest {

    private static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJobWithAwkwardValuesComesBackAsWritten() throws IOException {
        Map<String, String> job = new LinkedHashMap<>();
        job.put("DEPLOYMENT_ID", "01JD0000000000000000000000");
        job.put("BUILD_ENV", "{\"A\":\"line one\\nline two\",\"Q\":\"\\\"quoted\\\"\"}");
        job.put("GIT_TOKEN", "tök=en with spaces\tand tabs\nand a newline");
        job.put("EMPTY", "");

        assertThat(JobHandoff.read(input(JobHandoff.write(job)))).contains(job);
    }

    @Test
    void anInputThatEndsEmptyIsNoJob() throws IOException {
        assertThat(JobHandoff.read(input(""))).isEmpty();
        assertThat(JobHandoff.read(input("  \n"))).isEmpty();
    }

    @Test
    void anythingButAnObjectOfStringsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> JobHandoff.read(input("[\"a\"]")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> JobHandoff.read(input("{\"A\":")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JobHandoff.read(input("{\"BUILD_TIMEOUT_SECONDS\":900}")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("BUILD_TIMEOUT_SECONDS is not a string");
    }

    @Test
    void theJobWinsOverTheOwnEnvironmentAndTheWaitIsDropped() {
        Map<String, String> own =
                Map.of(
                        "PATH",
                        "/usr/bin",
                        "REDIS_URL",
                        "redis://old",
                        "SLIPWAY_BUILDER_WAIT",
                        "true");
        Map<String, String> merged =
                JobHandoff.merged(own, Map.of("REDIS_URL", "redis://new", "PROJECT_ID", "demo"));

        assertThat(merged)
                .containsEntry("PATH", "/usr/bin")
                .containsEntry("REDIS_URL", "redis://new")
                .containsEntry("PROJECT_ID", "demo")
                .doesNotContainKey("SLIPWAY_BUILDER_WAIT");
        assertThat(JobHandoff.waits(own)).isTrue();
        assertThat(JobHandoff.waits(merged)).isFalse();
    }
}
