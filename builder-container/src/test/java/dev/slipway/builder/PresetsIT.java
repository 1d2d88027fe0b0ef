package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection beyond a {@code build} script, through the builder with real npm and Git: the
 * frameworks are stand-ins (a local {@code file:} package with the framework's name and a
 * plain-node bin), so nothing is fetched from the registry.
 */
class PresetsIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir Path temp;

    private final BuilderHarness harness = new BuilderHarness(s3, redis);

    /**
     * An app depending on a stand-in for {@code framework} from {@code vendor/}, whose bin runs
     * {@code bin}; {@code scripts} is the package's scripts object's inside.
     */
    private static Map<String, String> app(String framework, String scripts, String bin) {
        Map<String, String> files = new HashMap<>();
        files.put(
                "package.json",
                """
        {"name":"app","version":"1.0.0","scripts":{%s},
         "devDependencies":{"%s":"file:vendor/%s"}}
        """
                        .formatted(scripts, framework, framework));
        files.put(
                "package-lock.json",
                """
        {"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
          "":{"name":"app","version":"1.0.0","devDependencies":{"%1$s":"file:vendor/%1$s"}},
          "node_modules/%1$s":{"resolved":"vendor/%1$s","link":true},
          "vendor/%1$s":{"version":"1.0.0","dev":true,"bin":{"%1$s":"bin.js"}}}}
        """
                        .formatted(framework));
        files.put(
                "vendor/" + framework + "/package.json",
                """
        {"name":"%1$s","version":"1.0.0","bin":{"%1$s":"bin.js"}}
        """
                        .formatted(framework));
        files.put("vendor/" + framework + "/bin.js", "#!/usr/bin/env node\n" + bin);
        return files;
    }

    private static List<String> lines(List<LogEvent> events) {
        return events.stream().filter(e -> e.line() != null).map(LogEvent::line).toList();
    }

    @Test
    void vitepressDocsBuildScriptPublishesDocsVitepressDist() throws Exception {
        Map<String, String> files =
                app(
                        "vitepress",
                        "\"docs:dev\":\"vitepress dev docs\",\"docs:build\":\"vitepress build docs\"",
                        """
        const fs = require('fs');
        const [command, src] = process.argv.slice(2);
        if (command !== 'build') throw new Error('not a build: ' + command);
        const out = src + '/.vitepress/dist';
        fs.mkdirSync(out + '/assets', {recursive: true});
        fs.writeFileSync(out + '/index.html', '<script type="module" src="/assets/app.js"></script><h1>docs</h1>');
        fs.writeFileSync(out + '/guide.html', '<h1>guide</h1>');
        fs.writeFileSync(out + '/assets/app.js', 'console.log(1)');
        """);
        files.put("docs/index.md", "# Docs");
        files.put("docs/.vitepress/config.mts", "export default { title: 'Docs' }");
        GitFixture repo = GitFixture.withFiles(temp.resolve("vitepress"), files);
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "docs", id), LIMIT);

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        Manifest manifest = harness.manifest("docs", id);
        assertThat(manifest.framework()).isEqualTo("vitepress");
        assertThat(manifest.files()).containsOnlyKeys("index.html", "guide.html", "assets/app.js");
        assertThat(manifest.isSpa()).as("two pages: a static site").isFalse();
        assertThat(manifest.basePath()).isNull();
        assertThat(lines(harness.stream(id)))
                .contains(
                        "Build command: npm run docs:build (package.json has no build script;"
                                + " its docs:build script runs VitePress's build: vitepress build docs)")
                .contains("Output folder: docs/.vitepress/dist (vitepress's default)");
    }

    @Test
    void outputIsFoundWhereTheBuildWroteItsIndex() throws Exception {
        // public/ holds static assets (as in a Vite app) and is one of the usual output folders;
        // the build writes the site to www/.
        Map<String, String> files =
                NodeApps.withBuildScript(
                        """
        const fs = require('fs');
        fs.mkdirSync('www/blog', {recursive: true});
        fs.writeFileSync('www/index.html', '<h1>home</h1>');
        fs.writeFileSync('www/blog/index.html', '<h1>blog</h1>');
        """);
        files.put("public/robots.txt", "User-agent: *");
        GitFixture repo = GitFixture.withFiles(temp.resolve("elsewhere"), files);
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "elsewhere", id), LIMIT);

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(harness.manifest("elsewhere", id).files())
                .containsOnlyKeys("index.html", "blog/index.html");
        assertThat(lines(harness.stream(id)))
                .contains(
                        "No dist/ after the build; using www/, where the build wrote an index.html"
                                + " (set --output-dir to choose)");
    }

    @Test
    void aFrameworkAppWithoutABuildFailsNamingTheCommandToSet() throws Exception {
        Map<String, String> files = app("astro", "\"dev\":\"astro dev\"", "");
        files.put("src/pages/index.astro", "<h1>raw source</h1>");
        files.put("index.html", "<h1>raw source</h1>");
        GitFixture repo = GitFixture.withFiles(temp.resolve("astro"), files);
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "astro", id), LIMIT);

        assertThat(run.exitCode()).isEqualTo(2);
        Manifest manifest = harness.manifest("astro", id);
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(manifest.error())
                .isEqualTo(
                        "This is an Astro app, but package.json has no script that builds it, so"
                                + " there is nothing to publish: set --build-command \"npx astro build\""
                                + " (or add a build script), or --output-dir to publish a folder as it is.");
        assertThat(manifest.files()).isEmpty();
        assertThat(harness.record("astro")).isEmpty();
    }

    @Test
    void anOutputWithoutAHomePageGoesLiveWithAWarningNamingTheSiteBesideIt() throws Exception {
        Map<String, String> files =
                NodeApps.withBuildScript(
                        """
        const fs = require('fs');
        fs.mkdirSync('dist', {recursive: true});
        fs.writeFileSync('dist/index.js', 'export const x = 1;');
        """);
        files.put(
                "website/package.json",
                "{\"scripts\":{\"build\":\"docusaurus build\"},\"dependencies\":{\"@docusaurus/core\":\"3\"}}");
        GitFixture repo = GitFixture.withFiles(temp.resolve("library"), files);
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "library", id), LIMIT);

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(harness.manifest("library", id).status()).isEqualTo(DeploymentStatus.READY);
        assertThat(lines(harness.stream(id)))
                .contains(
                        "warning: dist/ has no index.html (nor 404.html), so the site's home page"
                                + " will answer 404 (website/ has a Docusaurus app: try --root-dir website).");
    }

    @Test
    void aSiteBuiltForASubPathGetsItsBasePath() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("subpath"),
                        NodeApps.withBuildScript(
                                """
        const fs = require('fs');
        fs.mkdirSync('dist/assets', {recursive: true});
        fs.writeFileSync('dist/index.html', '<link rel="stylesheet" href="/my-repo/assets/site.css">'
            + '<script src="/my-repo/assets/app.js"></script><a href="/my-repo/about/">about</a>');
        fs.mkdirSync('dist/about');
        fs.writeFileSync('dist/about/index.html', '<h1>about</h1>');
        fs.writeFileSync('dist/assets/site.css', 'body{}');
        fs.writeFileSync('dist/assets/app.js', '1');
        """));
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "subpath", id), LIMIT);

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        Manifest manifest = harness.manifest("subpath", id);
        assertThat(manifest.basePath()).isEqualTo("/my-repo");
        assertThat(manifest.files()).containsKey("assets/app.js");
        assertThat(lines(harness.stream(id)))
                .contains(
                        "Base path /my-repo (every file the home page loads is under it:"
                                + " /my-repo/assets/site.css)");
    }

    @Test
    void aFailingNpmInstallPointsToNoLogFileThatIsDeletedWithTheBuild() throws Exception {
        // package.json and the lockfile disagree: npm ci fails before it asks the registry.
        Map<String, String> files = NodeApps.withBuildScript("");
        files.put(
                "package.json",
                "{\"name\":\"app\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"},"
                        + "\"dependencies\":{\"missing\":\"file:vendor/missing\"}}");
        GitFixture repo = GitFixture.withFiles(temp.resolve("failing"), files);
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "failing", id), LIMIT);

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = lines(harness.stream(id));
        assertThat(lines).anyMatch(l -> l.contains("npm ci` can only install packages"));
        assertThat(lines).noneMatch(l -> l.contains("A complete log of this run can be found in"));
        assertThat(harness.manifest("failing", id).error())
                .isEqualTo("npm ci exited with 1: see the install log above.");
    }
}
