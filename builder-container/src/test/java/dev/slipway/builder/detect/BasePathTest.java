package dev.slipway.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasePathTest {

    @TempDir Path app;
    private final List<String> notes = new ArrayList<>();

    private Optional<BasePath> detect(String framework, String output, Map<String, String> files)
            throws Exception {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = app.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return BasePath.detect(app, framework, app.resolve(output), notes::add);
    }

    @Test
    void nextBasePathFromItsConfig() throws Exception {
        Optional<BasePath> base =
                detect(
                        "nextjs",
                        "out",
                        Map.of(
                                "next.config.js",
                                "// basePath: '/commented-out'\nmodule.exports = { output: 'export', basePath: \"/nextjs-github-pages\" };",
                                "out/index.html",
                                "<link rel=\"stylesheet\" href=\"/nextjs-github-pages/_next/static/css/a.css\"/>"
                                        + "<script src=\"/nextjs-github-pages/_next/static/chunks/main.js\" async></script>"
                                        + "<a href=\"/nextjs-github-pages/about\">About</a>",
                                "out/_next/static/css/a.css",
                                "body{}",
                                "out/_next/static/chunks/main.js",
                                "1"));
        assertThat(base)
                .contains(new BasePath("/nextjs-github-pages", "from next.config.js basePath"));
    }

    @Test
    void docusaurusBaseUrlAndVitepressBaseFromTheirConfigs() throws Exception {
        assertThat(
                        detect(
                                "docusaurus",
                                "build",
                                Map.of(
                                        "docusaurus.config.ts",
                                        "const config = {\n  url: 'https://x.io',\n  baseUrl: '/reselect/',\n};",
                                        "build/index.html",
                                        "<script src=\"/reselect/assets/js/main.1a2b.js\"></script>",
                                        "build/assets/js/main.1a2b.js",
                                        "1")))
                .map(BasePath::path)
                .contains("/reselect");
        assertThat(
                        detect(
                                "vitepress",
                                "docs/.vitepress/dist",
                                Map.of(
                                        "docs/.vitepress/config.mts",
                                        "export default defineConfig({ base: '/guide/', title: 'x' })",
                                        "docs/.vitepress/dist/index.html",
                                        "<script type=\"module\" src=\"/guide/assets/app.Bx1.js\"></script>",
                                        "docs/.vitepress/dist/assets/app.Bx1.js",
                                        "1")))
                .contains(new BasePath("/guide", "from docs/.vitepress/config.mts base"));
    }

    @Test
    void prefixInferredFromTheHtmlWhenNoConfigNamesIt() throws Exception {
        Optional<BasePath> base =
                detect(
                        "vite",
                        "dist",
                        Map.of(
                                "vite.config.ts",
                                "export default defineConfig({ base: process.env.BASE })",
                                "dist/index.html",
                                "<script type=\"module\" crossorigin src=\"/my-repo/assets/index-DsBhw8EC.js\"></script>"
                                        + "<link rel=\"icon\" href=\"/my-repo/favicon.svg\">",
                                "dist/assets/index-DsBhw8EC.js",
                                "1",
                                "dist/favicon.svg",
                                "<svg/>"));
        assertThat(base).map(BasePath::path).contains("/my-repo");
        assertThat(base.orElseThrow().reason())
                .isEqualTo(
                        "every file the home page loads is under it: /my-repo/assets/index-DsBhw8EC.js");
    }

    @Test
    void aSiteAtTheRootHasNoBasePath() throws Exception {
        assertThat(
                        detect(
                                "vite",
                                "dist",
                                Map.of(
                                        "dist/index.html",
                                        "<script src=\"/assets/index-abc.js\"></script><link href=\"/assets/a.css\">",
                                        "dist/assets/index-abc.js",
                                        "1",
                                        "dist/assets/a.css",
                                        "1")))
                .isEmpty();
        assertThat(notes).isEmpty();
    }

    @Test
    void aConfiguredPrefixThePagesDoNotUseIsNotTheBasePath() throws Exception {
        // Gatsby applies pathPrefix only when built with --prefix-paths.
        assertThat(
                        detect(
                                "gatsby",
                                "public",
                                Map.of(
                                        "gatsby-config.js",
                                        "module.exports = { pathPrefix: `/blog`, plugins: [] }",
                                        "public/index.html",
                                        "<link rel=\"stylesheet\" href=\"/styles.abc.css\"><script src=\"/app-1.js\"></script>",
                                        "public/styles.abc.css",
                                        "1",
                                        "public/app-1.js",
                                        "1")))
                .isEmpty();
        assertThat(notes)
                .containsExactly(
                        "gatsby-config.js sets pathPrefix /blog, but the built home page does not load its files from there: it is served at the root.");
    }
}
