package dev.slipway.desktop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.core.config.Mode;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.SpaMode;
import dev.slipway.desktop.SlipwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryInputTest {

    @TempDir Path dir;

    @Test
    void acceptsHttpsUrlsInEveryMode() {
        assertThat(RepositoryInput.normalize(" https://github.com/o/r.git ", Mode.AWS, dir))
                .isEqualTo("https://github.com/o/r.git");
    }

    @Test
    void turnsScpLikeSshIntoTheHttpsUrlToUse() {
        assertThatThrownBy(
                        () ->
                                RepositoryInput.normalize(
                                        "git@github.com:owner/site.git", Mode.LOCAL, dir))
                .isInstanceOf(SlipwayException.class)
                .hasMessage(
                        "Slipway clones over HTTPS only: use https://github.com/owner/site instead of git@github.com:owner/site.git.");
        assertThatThrownBy(
                        () -> RepositoryInput.normalize("http://example.com/o/r", Mode.LOCAL, dir))
                .hasMessageContaining("use https://example.com/o/r");
    }

    @Test
    void makesAFolderAbsoluteInEitherModeAndRefusesAFileUrlInAwsMode() throws Exception {
        Files.createDirectories(dir.resolve("site/.git"));
        assertThat(RepositoryInput.normalize("site", Mode.LOCAL, dir))
                .isEqualTo(dir.resolve("site").toString());
        // In AWS mode a folder is uploaded as its working tree (sources/), not cloned.
        assertThat(RepositoryInput.normalize("site", Mode.AWS, dir))
                .isEqualTo(dir.resolve("site").toString());
        assertThatThrownBy(
                        () ->
                                RepositoryInput.normalize(
                                        dir.resolve("site").toUri().toString(), Mode.AWS, dir))
                .hasMessageContaining("only local mode can clone");
    }

    @Test
    void acceptsAFolderWithoutGitAndExplainsAMissingOne() throws Exception {
        Files.createDirectories(dir.resolve("plain"));
        assertThat(RepositoryInput.normalize("plain", Mode.LOCAL, dir))
                .isEqualTo(dir.resolve("plain").toString());
        assertThatThrownBy(() -> RepositoryInput.normalize("missing", Mode.LOCAL, dir))
                .hasMessageContaining("neither an https:// URL nor an existing folder");
    }

    @Test
    void aFileGivenAsTheRepositoryGetsItsOwnSentence() throws Exception {
        Files.createDirectories(dir.resolve("site/.git"));
        Files.writeString(dir.resolve("site/index.html"), "<h1>hi</h1>");

        assertThatThrownBy(() -> RepositoryInput.normalize("site/index.html", Mode.LOCAL, dir))
                .isInstanceOf(SlipwayException.class)
                .hasMessage(
                        "'site/index.html' is a file; give the site's folder (such as "
                                + dir.resolve("site")
                                + ") or the repository's https:// URL.");
    }

    @Test
    void aRedeployKeepsSavedSettingsThatTheRequestDoesNotReplace() {
        ProjectSettings saved =
                new ProjectSettings("main", "web", null, "npm run build", "dist", SpaMode.TRUE);
        ProjectSettings given = new ProjectSettings("v2", null, "npm ci", null, null, SpaMode.AUTO);
        assertThat(DefaultDeployService.merge(saved, given))
                .isEqualTo(
                        new ProjectSettings(
                                "v2", "web", "npm ci", "npm run build", "dist", SpaMode.TRUE));
    }
}
