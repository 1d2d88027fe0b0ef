package dev.slipway.builder.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static-site generators and bundlers Slipway recognises, the dependency that gives each away,
 * and where each writes its output by default (from each tool's documentation). The first match
 * wins, so meta-frameworks come before the bundlers they use.
 */
enum Framework {
    NEXT("nextjs", p -> p.has("next"), (p, dir) -> "out"),
    NUXT("nuxt", p -> p.has("nuxt") || p.has("nuxt3"), Framework::nuxtOutput),
    ASTRO(
            "astro",
            p -> p.has("astro"),
            (p, dir) -> configuredOutDir(dir, "astro.config", "outDir").orElse("dist")),
    GATSBY("gatsby", p -> p.has("gatsby"), (p, dir) -> "public"),
    DOCUSAURUS("docusaurus", p -> p.has("@docusaurus/core"), (p, dir) -> "build"),
    SVELTEKIT(
            "sveltekit",
            p -> p.has("@sveltejs/kit"),
            (p, dir) -> configuredOutDir(dir, "svelte.config", "pages").orElse("build")),
    REMIX(
            "remix",
            p -> p.hasAnyStartingWith("@remix-run/") || p.has("@react-router/dev"),
            (p, dir) -> "build/client"),
    VITEPRESS(
            "vitepress",
            p -> p.has("vitepress"),
            (p, dir) ->
                    sourceDir(p, "vitepress")
                            .map(s -> s + "/.vitepress/dist")
                            .orElse(".vitepress/dist")),
    VUEPRESS(
            "vuepress",
            p -> p.has("vuepress") || p.hasAnyStartingWith("@vuepress/"),
            (p, dir) ->
                    sourceDir(p, "vuepress")
                            .map(s -> s + "/.vuepress/dist")
                            .orElse(".vuepress/dist")),
    ELEVENTY("eleventy", p -> p.has("@11ty/eleventy"), (p, dir) -> "_site"),
    HEXO("hexo", p -> p.has("hexo"), (p, dir) -> "public"),
    ANGULAR(
            "angular",
            p ->
                    p.has("@angular/core") && p.has("@angular/cli")
                            || p.has("@angular-devkit/build-angular")
                            || p.has("@angular/build"),
            AngularOutput::of),
    CREATE_REACT_APP("create-react-app", p -> p.has("react-scripts"), (p, dir) -> "build"),
    PREACT_CLI("preact-cli", p -> p.has("preact-cli"), (p, dir) -> "build"),
    VUE_CLI("vue-cli", p -> p.has("@vue/cli-service"), (p, dir) -> "dist"),
    EMBER("ember", p -> p.has("ember-cli"), (p, dir) -> "dist"),
    VITE(
            "vite",
            p -> p.has("vite"),
            (p, dir) -> configuredOutDir(dir, "vite.config", "outDir").orElse("dist")),
    PARCEL("parcel", p -> p.has("parcel") || p.has("parcel-bundler"), (p, dir) -> "dist"),
    WEBPACK("webpack", p -> p.has("webpack"), (p, dir) -> "dist");

    private static final List<String> CONFIG_EXTENSIONS =
            List.of(".ts", ".mts", ".js", ".mjs", ".cjs");

    private final String id;
    private final Predicate<PackageJson> matches;
    private final BiFunction<PackageJson, Path, String> output;

    Framework(
            String id,
            Predicate<PackageJson> matches,
            BiFunction<PackageJson, Path, String> output) {
        this.id = id;
        this.matches = matches;
        this.output = output;
    }

    String id() {
        return id;
    }

    /** The dependency that gave it away, for the log. */
    static Optional<Framework> detect(PackageJson pkg) {
        for (Framework f : values()) {
            if (f.matches.test(pkg)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    String outputDirectory(PackageJson pkg, Path appDir) {
        return output.apply(pkg, appDir);
    }

    private static String nuxtOutput(PackageJson pkg, Path dir) {
        String version = pkg.dependencies().getOrDefault("nuxt", "");
        boolean nuxt2 = version.matches("^[\\^~]?2\\..*");
        return nuxt2 ? "dist" : ".output/public";
    }

    /** {@code vitepress build docs} → {@code docs}. */
    private static Optional<String> sourceDir(PackageJson pkg, String tool) {
        Pattern build = Pattern.compile("\\b" + tool + "\\s+build\\s+([^\\s&|;]+)");
        return pkg.script("build")
                .map(build::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .filter(s -> !s.startsWith("-"))
                .map(s -> s.replaceAll("/+$", ""));
    }

    /**
     * A literal {@code key: 'folder'} in the tool's config file ({@code outDir: 'public/app'});
     * only plain string literals count, so a computed path falls back to the default.
     */
    static Optional<String> configuredOutDir(Path appDir, String configBaseName, String key) {
        Pattern literal = Pattern.compile("\\b" + key + "\\s*:\\s*['\"`]([^'\"`$]+)['\"`]");
        for (String ext : CONFIG_EXTENSIONS) {
            Path config = appDir.resolve(configBaseName + ext);
            if (Files.isRegularFile(config)) {
                try {
                    Matcher m = literal.matcher(Files.readString(config, StandardCharsets.UTF_8));
                    if (m.find()) {
                        String dir = m.group(1).trim().replace('\\', '/');
                        while (dir.startsWith("./")) {
                            dir = dir.substring(2);
                        }
                        if (!dir.isEmpty() && !dir.startsWith("/") && !dir.contains("..")) {
                            return Optional.of(dir.replaceAll("/+$", ""));
                        }
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
