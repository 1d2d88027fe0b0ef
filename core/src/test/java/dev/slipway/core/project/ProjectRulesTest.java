package dev.slipway.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.core.deployment.DeploymentId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectRulesTest {

    private static final Slug DEMO = Slug.of("demo");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final DeploymentId OLDER = DeploymentId.of("01JD0000000000000000000000");
    private static final DeploymentId NEWER = DeploymentId.of("01JD0000010000000000000000");
    private static final String REPO = "https://github.com/o/r";

    private static ProjectRecord live(DeploymentId id, String repo) {
        return new ProjectRecord("demo", repo, ProjectSettings.defaults(), id.value(), NOW);
    }

    private static ProjectRules.Publish publish(DeploymentId id, String repo, boolean force) {
        return new ProjectRules.Publish(DEMO, id, repo, ProjectSettings.defaults(), force, NOW);
    }

    @Test
    void olderBuildKeepsTheNewerLivePointer() {
        var change = publish(OLDER, REPO, false).apply(Optional.of(live(NEWER, REPO)));
        assertThat(change).isInstanceOf(ProjectRecordUpdater.Change.Keep.class);
    }

    @Test
    void newerBuildReplacesTheOlderLivePointer() {
        var change = publish(NEWER, REPO, false).apply(Optional.of(live(OLDER, REPO)));
        assertThat(change).isInstanceOf(ProjectRecordUpdater.Change.Put.class);
        assertThat(((ProjectRecordUpdater.Change.Put) change).record().liveDeploymentId())
                .isEqualTo(NEWER.value());
    }

    @Test
    void anotherRepositoryIsRefusedUnlessForced() {
        Optional<ProjectRecord> owned = Optional.of(live(OLDER, REPO));
        assertThatThrownBy(() -> publish(NEWER, "https://github.com/x/y", false).apply(owned))
                .isInstanceOfSatisfying(
                        ProjectRules.NotOwnerException.class,
                        e -> assertThat(e.owner()).isEqualTo(REPO));
        assertThat(publish(NEWER, "https://github.com/x/y", true).apply(owned))
                .isInstanceOf(ProjectRecordUpdater.Change.Put.class);
    }

    @Test
    void publishKeepsSavedVariables() {
        ProjectRecord saved =
                new ProjectRecord(
                        "demo",
                        REPO,
                        ProjectSettings.defaults().withEnv(Map.of("A", "1"), List.of("TOKEN")),
                        OLDER.value(),
                        NOW);
        var change = publish(NEWER, REPO, false).apply(Optional.of(saved));
        ProjectSettings written = ((ProjectRecordUpdater.Change.Put) change).record().settings();
        assertThat(written.env()).containsEntry("A", "1");
        assertThat(written.secretEnv()).containsExactly("TOKEN");
    }

    @Test
    void ownershipMessageNeverShowsCredentials() {
        Optional<ProjectRecord> owned = Optional.of(live(OLDER, "https://a:s3cr3t@host/o/r"));
        assertThatThrownBy(() -> publish(NEWER, "https://host/x/y", false).apply(owned))
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void rollbackPointsAtAnOlderDeployment() {
        var change = ProjectRules.pointAt(Optional.of(live(NEWER, REPO)), OLDER, NOW);
        assertThat(((ProjectRecordUpdater.Change.Put) change).record().liveDeploymentId())
                .isEqualTo(OLDER.value());
        assertThat(ProjectRules.pointAt(Optional.of(live(OLDER, REPO)), OLDER, NOW))
                .isInstanceOf(ProjectRecordUpdater.Change.Keep.class);
    }
}
