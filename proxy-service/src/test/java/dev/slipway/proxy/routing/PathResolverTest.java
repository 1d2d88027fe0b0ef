package dev.slipway.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.FileEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathResolverTest {

    static final FileEntry E = new FileEntry("a".repeat(64), 1, "text/html; charset=utf-8");
    static final Map<String, FileEntry> FILES =
            Map.of(
                    "index.html",
                    E,
                    "about.html",
                    E,
                    "docs/index.html",
                    E,
                    "404.html",
                    E,
                    "app.js",
                    E);

    static Resolution resolve(String raw, boolean spa, Map<String, FileEntry> files, String query) {
        return PathResolver.resolve(
                ((RequestPath.Valid) RequestPath.parse(raw)).path(), files, spa, query);
    }

    @Test
    void prefersTheExactFileThenTheFolderIndexThenCleanUrls() {
        assertThat(resolve("/app.js", false, FILES, null))
                .isEqualTo(new Resolution.File("app.js", E, 200));
        assertThat(resolve("/", false, FILES, null))
                .isEqualTo(new Resolution.File("index.html", E, 200));
        assertThat(resolve("/docs/", false, FILES, null))
                .isEqualTo(new Resolution.File("docs/index.html", E, 200));
        assertThat(resolve("/about", false, FILES, null))
                .isEqualTo(new Resolution.File("about.html", E, 200));
    }

    @Test
    void redirectsAFolderWithoutItsSlashKeepingTheQuery() {
        assertThat(resolve("/docs", false, FILES, "a=1"))
                .isEqualTo(new Resolution.Redirect("/docs/?a=1"));
        assertThat(resolve("/docs", false, FILES, "")).isEqualTo(new Resolution.Redirect("/docs/"));
    }

    @Test
    void fallsBackToTheShellOnlyForExtensionlessPathsInAnSpa() {
        assertThat(resolve("/deep/link", true, FILES, null))
                .isEqualTo(new Resolution.File("index.html", E, 200));
        assertThat(resolve("/missing.js", true, FILES, null))
                .isEqualTo(new Resolution.File("404.html", E, 404));
        assertThat(resolve("/deep/link", false, FILES, null))
                .isEqualTo(new Resolution.File("404.html", E, 404));
    }

    @Test
    void usesTheBuiltInPageWithoutA404Html() {
        Map<String, FileEntry> files = Map.of("index.html", E);
        assertThat(resolve("/missing.js", true, files, null)).isEqualTo(new Resolution.NotFound());
        assertThat(resolve("/missing", false, files, null)).isEqualTo(new Resolution.NotFound());
        assertThat(resolve("/x", true, Map.of(), null)).isEqualTo(new Resolution.NotFound());
    }
}
