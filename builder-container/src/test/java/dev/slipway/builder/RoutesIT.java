package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.routes.Routes;
import dev.slipway.core.routes.Routes.Header;
import dev.slipway.core.routes.Routes.HeaderRule;
import dev.slipway.core.routes.Routes.Redirect;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing rules from {@code _redirects}, {@code _headers} and {@code slipway.json} reach the
 * manifest; {@code slipway.json}'s build settings sit between the deploy's and detection; private
 * and configuration files are never published. Real Git repositories, real node builds.
 */
class RoutesIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir Path temp;

    private final BuilderHarness harness = new BuilderHarness(s3, redis);

    @Test
    void staticSiteGetsEveryRuleAndPublishesNoConfigOrPrivateFile() {
        Map<String, String> files = new HashMap<>();
        files.put("index.html", "<h1>home</h1>");
        files.put("404.html", "<h1>missing</h1>");
        files.put("docs/vercel.json", "{\"shown\": \"as an example download\"}");
        files.put(
                "_redirects",
                """
                # every form
                /old            /new
                /home           /                302
                /blog/*         /posts/:splat    301!
                /users/:id      /u/:id           307
                /app/*          /app/index.html  200
                /hidden/*       /404.html        404!
                /bad-line
                /fr/*           /fr/:splat       302  Language=fr
                """);
        files.put(
                "_headers",
                """
                /*
                  X-Frame-Options: DENY
                /assets/*
                  Cache-Control: public, max-age=600
                """);
        files.put(
                "slipway.json",
                """
                {"cleanUrls": true, "trailingSlash": false,
                 "redirects": [{"source": "/moved", "destination": "/new"}],
                 "headers": [{"source": "/docs/*", "headers": [{"key": "X-Docs", "value": "1"}]}]}
                """);
        files.put("vercel.json", "{}");
        files.put("netlify.toml", "[build]\n");
        files.put(".gitignore", "node_modules\n");
        files.put(".gitattributes", "* text=auto\n");
        files.put(".github/workflows/ci.yml", "on: push\n");
        files.put(".env", "API_KEY=do-not-publish\n");
        files.put("docs/.env.local", "TOKEN=do-not-publish\n");
        files.put(".slipway/project.json", "{\"project\":\"rules\"}");
        GitFixture repo = GitFixture.withFiles(temp.resolve("rules"), files);
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "rules", id), LIMIT);

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        Manifest manifest = harness.manifest("rules", id);
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(manifest.files()).containsOnlyKeys("index.html", "404.html", "docs/vercel.json");
        assertThat(manifest.routes())
                .isEqualTo(
                        new Routes(
                                List.of(
                                        new Redirect("/old", "/new", 301, false),
                                        new Redirect("/home", "/", 302, false),
                                        new Redirect("/blog/*", "/posts/:splat", 301, true),
                                        new Redirect("/users/:id", "/u/:id", 307, false),
                                        new Redirect("/app/*", "/app/index.html", 200, false),
                                        new Redirect("/hidden/*", "/404.html", 404, true),
                                        new Redirect("/moved", "/new", 308, true)),
                                List.of(
                                        new HeaderRule(
                                                "/*",
                                                List.of(new Header("X-Frame-Options", "DENY"))),
                                        new HeaderRule(
                                                "/assets/*",
                                                List.of(
                                                        new Header(
                                                                "Cache-Control",
                                                                "public, max-age=600"))),
                                        new HeaderRule(
                                                "/docs/*", List.of(new Header("X-Docs", "1")))),
                                true,
                                false));
        List<String> lines = lines(harness.stream(id));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("warning: _redirects:8: "))
                .anySatisfy(l -> assertThat(l).startsWith("warning: _redirects:9: "))
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith("Not published")
                                        .contains(
                                                "slipway.json",
                                                "vercel.json",
                                                "netlify.toml",
                                                "_redirects",
                                                "_headers",
                                                ".gitignore",
                                                ".github/",
                                                ".env",
                                                "docs/.env.local",
                                                ".slipway/"));
        assertThat(String.join("\n", lines)).doesNotContain("do-not-publish");
    }

    @Test
    void slipwayJsonSettingsWinOverDetectionAndYieldToTheDeploys() {
        Map<String, String> files =
                NodeApps.withBuildScript(
                        """
                        const fs = require('fs');
                        fs.mkdirSync('build', {recursive: true});
                        fs.writeFileSync('build/index.html', '<h1>from the build script</h1>');
                        """);
        files.put(
                "site.js",
                """
                const fs = require('fs');
                const out = process.argv[2];
                fs.mkdirSync(out, {recursive: true});
                fs.writeFileSync(out + '/index.html', '<h1>from ' + out + '</h1>');
                fs.writeFileSync(out + '/_redirects', '/a /b 302\\n');
                """);
        files.put(
                "slipway.json",
                "{\"buildCommand\": \"node site.js site\", \"outputDirectory\": \"site\", \"spa\": false}");
        GitFixture repo = GitFixture.withFiles(temp.resolve("precedence"), files);

        DeploymentId fromFile = DeploymentId.newId();
        BuilderHarness.Run first =
                harness.run(harness.env(repo.url(), "precedence", fromFile), LIMIT);
        assertThat(first.exitCode()).as(first.stdout()).isZero();
        Manifest m1 = harness.manifest("precedence", fromFile);
        assertThat(m1.files()).containsOnlyKeys("index.html");
        assertThat(harness.servedText("precedence", fromFile, "index.html"))
                .isEqualTo("<h1>from site</h1>");
        assertThat(m1.isSpa()).as("slipway.json's spa: false over auto").isFalse();
        assertThat(m1.routes().redirects()).containsExactly(new Redirect("/a", "/b", 302, false));

        DeploymentId explicit = DeploymentId.newId();
        Map<String, String> env = new HashMap<>(harness.env(repo.url(), "precedence", explicit));
        env.put("BUILD_COMMAND", "node site.js other");
        env.put("OUTPUT_DIRECTORY", "other");
        env.put("SPA", "true");
        BuilderHarness.Run second = harness.run(env, LIMIT);
        assertThat(second.exitCode()).as(second.stdout()).isZero();
        Manifest m2 = harness.manifest("precedence", explicit);
        assertThat(harness.servedText("precedence", explicit, "index.html"))
                .isEqualTo("<h1>from other</h1>");
        assertThat(m2.isSpa()).isTrue();
        assertThat(lines(harness.stream(explicit)))
                .anySatisfy(
                        l -> assertThat(l).contains("--build-command", "wins over slipway.json"));

        GitFixture plain = GitFixture.withFiles(temp.resolve("detected"), new HashMap<>(files));
        plain.commit("no slipway.json", mapOf("slipway.json", null));
        DeploymentId detected = DeploymentId.newId();
        BuilderHarness.Run third =
                harness.run(harness.env(plain.url(), "detected", detected), LIMIT);
        assertThat(third.exitCode()).as(third.stdout()).isZero();
        assertThat(harness.servedText("detected", detected, "index.html"))
                .isEqualTo("<h1>from the build script</h1>");
        assertThat(harness.manifest("detected", detected).routes()).isNull();
    }

    @Test
    void rootDirectoryFromTheRepositoryRootsSlipwayJsonChoosesTheAppFolder() {
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("mono"),
                        Map.of(
                                "slipway.json", "{\"rootDirectory\": \"web\"}",
                                "README.md", "# not the site",
                                "web/index.html", "<h1>web</h1>"));
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "mono", id), LIMIT);

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(harness.manifest("mono", id).files()).containsOnlyKeys("index.html");
    }

    @Test
    void roleConditionsAndBrokenSlipwayJsonFailAsBadInput() {
        GitFixture roles =
                GitFixture.withFiles(
                        temp.resolve("roles"),
                        Map.of(
                                "index.html", "<h1>home</h1>",
                                "_redirects",
                                        "/a /b\n/admin/*  /admin/:splat  200!  Role=admin\n"));
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(roles.url(), "roles", id), LIMIT);

        assertThat(run.exitCode()).isEqualTo(2);
        Manifest failed = harness.manifest("roles", id);
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(failed.error()).startsWith("_redirects:2: ");
        assertThat(failed.files()).isEmpty();
        assertThat(harness.record("roles")).isEmpty();

        GitFixture broken =
                GitFixture.withFiles(
                        temp.resolve("broken"),
                        Map.of(
                                "index.html",
                                "<h1>home</h1>",
                                "slipway.json",
                                "{\"buildComand\": 1}"));
        DeploymentId id2 = DeploymentId.newId();
        BuilderHarness.Run run2 = harness.run(harness.env(broken.url(), "broken", id2), LIMIT);
        assertThat(run2.exitCode()).isEqualTo(2);
        assertThat(harness.manifest("broken", id2).error()).contains("slipway.json", "buildComand");
    }

    private static Map<String, String> mapOf(String key, @Nullable String value) {
        Map<String, String> m = new HashMap<>();
        m.put(key, value);
        return m;
    }

    private static List<String> lines(List<LogEvent> events) {
        return events.stream().filter(LogEvent::isLine).map(LogEvent::line).toList();
    }
}
