package dev.slipway.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.project.Slug;
import org.junit.jupiter.api.Test;

class DeploymentHostTest {

    @Test
    void labelIsProjectDoubleDashAndTheIdsLastTenCharactersInLowerCase() {
        DeploymentId id = DeploymentId.of("01JD3Y7M2Q8ZK4T6V9W0XBCDEF");
        DeploymentHost host = DeploymentHost.of(Slug.of("demo"), id);
        assertThat(host.label()).isEqualTo("demo--v9w0xbcdef");
        assertThat(host.matches(id)).isTrue();
        assertThat(host.matches(DeploymentId.of("01JD3Y7M2Q8ZK4T6V9W0XBCDEG"))).isFalse();
    }

    @Test
    void parsesOnlyWellFormedLabelsAndFitsOneDnsLabelForTheLongestSlug() {
        assertThat(DeploymentHost.parse("my-site--v9w0xbcdef"))
                .get()
                .extracting(h -> h.project().value())
                .isEqualTo("my-site");
        assertThat(DeploymentHost.parse("demo")).isEmpty();
        assertThat(DeploymentHost.parse("demo--short")).isEmpty();
        assertThat(DeploymentHost.parse("--v9w0xbcdef")).isEmpty();
        assertThat(DeploymentHost.parse("demo--V9W0XBCDEF")).isEmpty();
        String longest = "a".repeat(Slug.MAX_LENGTH) + "--v9w0xbcdef";
        assertThat(longest).hasSizeLessThanOrEqualTo(63);
        assertThat(DeploymentHost.parse(longest)).isPresent();
    }
}
