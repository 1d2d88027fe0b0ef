package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuilderSettingsTest {

    @Test
    void redisFinalWaitComesFromTheEnvironmentWhenItIsAWholeNumberOfSeconds() {
        assertThat(
                        BuilderSettings.from(Map.of("SLIPWAY_REDIS_FINAL_WAIT_SECONDS", "120"))
                                .redisFinalWait())
                .isEqualTo(Duration.ofSeconds(120));
        assertThat(BuilderSettings.from(Map.of()).redisFinalWait())
                .isEqualTo(BuilderSettings.DEFAULT_REDIS_FINAL_WAIT);
        assertThat(
                        BuilderSettings.from(Map.of("SLIPWAY_REDIS_FINAL_WAIT_SECONDS", "soon"))
                                .redisFinalWait())
                .isEqualTo(BuilderSettings.DEFAULT_REDIS_FINAL_WAIT);
    }
}
