package dev.slipway.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentIdTest {

    @Test
    void newIdsAreUlidsInUpperCaseCrockfordBase32() {
        String id = DeploymentId.newId().value();
        assertThat(id).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void idsSortInCreationOrderEvenWithinOneMillisecond() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(DeploymentId.newId().value());
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void carriesItsCreationTime() {
        Instant before = Instant.now().minusMillis(1);
        Instant created = DeploymentId.newId().createdAt();
        assertThat(created).isBetween(before, Instant.now().plus(Duration.ofMillis(1)));
    }

    @Test
    void parsesAndRejects() {
        assertThat(DeploymentId.of("01JD3Y7M2Q8ZK4T6V9W0XBCDEF").value())
                .isEqualTo("01JD3Y7M2Q8ZK4T6V9W0XBCDEF");
        assertThatThrownBy(() -> DeploymentId.of("01jd3y7m2q8zk4t6v9w0xbcdef"))
                .hasMessageContaining("not a deployment id");
        assertThatThrownBy(() -> DeploymentId.of("01JD3Y7M2Q8ZK4T6V9W0XBCDEI"))
                .hasMessageContaining("26 upper-case");
        assertThatThrownBy(() -> DeploymentId.of("81JD3Y7M2Q8ZK4T6V9W0XBCDEF"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeploymentId.of("")).hasMessageContaining("missing");
    }

    @Test
    void comparesByTime() {
        DeploymentId older = DeploymentId.newId();
        DeploymentId newer = DeploymentId.newId();
        assertThat(newer.isNewerThan(older)).isTrue();
        assertThat(older.isNewerThan(newer)).isFalse();
    }
}
