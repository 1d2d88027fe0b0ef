package dev.slipway.builder.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.detect.BuildPlan;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.LogListener;
import dev.slipway.builder.logstream.SecretMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomePageCheckTest {

    @TempDir Path repo;
    private final List<String> warnings = new ArrayList<>();
    private final BuildLog log =
            new BuildLog(
                    Clock.systemUTC(),
                    SecretMasker.none(),
                    List.<LogListener>of(
                            (e, json) -> {
                                if (e.line() != null && e.line().startsWith("warning: ")) {
                                    warnings.add(e.line().substring("warning: ".length()));
                                }
                            }));

    private void write(Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = repo.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
    }

    private boolean check(Path app, String output, @Nullable String buildCommand) {
        BuildPlan plan =
                new BuildPlan(
                        app, "node", null, null, null, buildCommand, output, false, List.of());
        return new HomePageCheck(repo, plan, app.resolve(output), output + "/", log).call();
    }

    @Test
    void aLibraryBuildNamesTheDocusaurusAppBesideIt() throws Exception {
        write(
                Map.of(
                        "package.json",
                        "{\"scripts\":{\"build\":\"tsup\",\"docs:build\":\"yarn --cwd website build\"}}",
                        "dist/index.js",
                        "export {}",
                        "website/package.json",
                        "{\"scripts\":{\"build\":\"docusaurus build\"},\"dependencies\":{\"@docusaurus/core\":\"3\"}}"));
        assertThat(check(repo, "dist", "npm run build")).isFalse();
        assertThat(warnings)
                .containsExactly(
                        "dist/ has no index.html (nor 404.html), so the site's home page will answer 404 (website/ has a Docusaurus app: try --root-dir website).");
    }

    @Test
    void aPlainRepositoryNamesItsFoldersWithAnIndexAndTheFrameworkScript() throws Exception {
        write(Map.of("README.md", "# hi", "site/index.html", "<h1>hi</h1>"));
        assertThat(check(repo, "", null)).isFalse();
        assertThat(warnings.get(0)).endsWith("(site/ has an index.html: try --root-dir site).");

        warnings.clear();
        Path app = repo.resolve("app");
        Files.createDirectories(app.resolve("dist/docs"));
        Files.writeString(app.resolve("dist/docs/index.html"), "<h1>docs</h1>");
        Files.writeString(
                app.resolve("package.json"),
                "{\"scripts\":{\"build\":\"tsc\",\"docs:build\":\"vitepress build docs\"},"
                        + "\"devDependencies\":{\"vitepress\":\"1\"}}");
        assertThat(check(app, "dist", "npm run build")).isFalse();
        assertThat(warnings.get(0))
                .contains(
                        "the docs:build script runs VitePress's build: try --build-command \"npm run docs:build\"")
                .contains("dist/docs/ has an index.html: try --output-dir dist/docs");
    }

    @Test
    void anOutputWithAHomePageOrA404PageIsFine() throws Exception {
        write(Map.of("dist/index.html", "x", "only404/404.html", "x"));
        assertThat(check(repo, "dist", "npm run build")).isTrue();
        assertThat(check(repo, "only404", "npm run build")).isTrue();
        assertThat(warnings).isEmpty();
    }
}
