package dev.slipway.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.desktop.SlipwayJar;
import dev.slipway.testing.FreePorts;
import dev.slipway.testing.GitFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a deployed site answers, end to end: {@code slipway deploy} in local mode (the real builder
 * deciding SPA or not and the base path, the real proxy serving the manifest). A multi-page site
 * answers an unknown path with 404 (its {@code 404.html}, or the built-in page), an SPA with its
 * shell, and a site built for a sub-path is served under it.
 */
class ServingRulesIT {

    private static final Path BUILDER_JAR =
            Path.of("../builder-container/target/slipway-builder.jar").toAbsolutePath().normalize();

    @TempDir static Path home;
    @TempDir static Path repos;

    private static int proxyPort;
    private static SlipwayJar slipway;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void configure() throws Exception {
        proxyPort = FreePorts.next();
        Files.writeString(
                home.resolve("config.json"),
                "{\"mode\":\"local\",\"proxyPort\":" + proxyPort + "}");
        slipway = new SlipwayJar(home, Map.of("SLIPWAY_BUILDER_JAR", BUILDER_JAR.toString()));
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        SlipwayJar.Result down = slipway.run("down");
        assertThat(down.exit()).as(down.toString()).isZero();
    }

    private static HttpResponse<String> get(String project, String path) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + path))
                        .header("Host", project + ".localhost:" + proxyPort)
                        .timeout(Duration.ofSeconds(10))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void deploy(String name, Map<String, String> files) throws Exception {
        GitFixture repo = GitFixture.withFiles(repos.resolve(name), files);
        SlipwayJar.Result deploy = slipway.run("deploy", repo.path().toString(), "--slug", name);
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
    }

    @Test
    void multiPageSiteWithoutA404PageAnswersUnknownPathsWithTheBuiltIn404() throws Exception {
        deploy(
                "pages",
                Map.of(
                        "index.html", "<h1>home</h1>",
                        "about.html", "<h1>about</h1>",
                        "style.css", "body{}"));

        assertThat(get("pages", "/").statusCode()).isEqualTo(200);
        assertThat(get("pages", "/about").body()).contains("<h1>about</h1>");
        HttpResponse<String> missing = get("pages", "/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("<h1>home</h1>");
        assertThat(get("pages", "/missing.css").statusCode()).isEqualTo(404);
    }

    @Test
    void multiPageSiteWithA404PageAnswersUnknownPathsWithIt() throws Exception {
        deploy(
                "with404",
                Map.of(
                        "index.html", "<h1>home</h1>",
                        "blog/index.html", "<h1>blog</h1>",
                        "404.html", "<h1>lost at sea</h1>"));

        HttpResponse<String> missing = get("with404", "/blog/no-such-post");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<h1>lost at sea</h1>");
        assertThat(get("with404", "/blog/").body()).contains("<h1>blog</h1>");
    }

    @Test
    void singlePageAppAnswersUnknownRoutesWithItsShell() throws Exception {
        deploy(
                "spa",
                Map.of(
                        "index.html", "<div id=app></div><script src=\"/app.js\"></script>",
                        "app.js", "console.log('spa')"));

        HttpResponse<String> route = get("spa", "/users/42");
        assertThat(route.statusCode()).isEqualTo(200);
        assertThat(route.body()).contains("<div id=app>");
        assertThat(get("spa", "/app.js").body()).contains("spa");
        assertThat(get("spa", "/missing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void siteBuiltForASubPathIsServedUnderIt() throws Exception {
        deploy(
                "subpath",
                Map.of(
                        "package.json",
                        "{\"name\":\"subpath\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"}}",
                        "build.js",
                        """
                        const fs = require('fs');
                        fs.mkdirSync('out/_next/static', {recursive: true});
                        fs.writeFileSync('out/index.html', '<script src="/my-repo/_next/static/main.js"></script><h1>home</h1>');
                        fs.writeFileSync('out/about.html', '<h1>about</h1>');
                        fs.writeFileSync('out/_next/static/main.js', 'console.log(1)');
                        """));

        HttpResponse<String> root = get("subpath", "/");
        assertThat(root.statusCode()).isEqualTo(308);
        assertThat(root.headers().firstValue("Location")).contains("/my-repo/");
        assertThat(get("subpath", "/my-repo/").body()).contains("<h1>home</h1>");
        assertThat(get("subpath", "/my-repo/_next/static/main.js").statusCode()).isEqualTo(200);
        assertThat(get("subpath", "/my-repo/about").body()).contains("<h1>about</h1>");
        assertThat(get("subpath", "/my-repo/nothing").statusCode()).isEqualTo(404);
        assertThat(get("subpath", "/_next/static/main.js").statusCode()).isEqualTo(404);
    }
}
