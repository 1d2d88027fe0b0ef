package dev.slipway.builder.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static-site generators and bundlers Slipway recognises: the dependency that gives each away,
 * the command that builds it (found in any of the package's scripts), the command to suggest when
 * the package has none, and where each writes its output by default (from each tool's
 * documentation). The first match wins, so meta-frameworks come before the bundlers they use.
 */
enum Framework {
    NEXT("nextjs", "Next.js", p -> p.has("next"), "next\\s+build", "npx next build"),
    NUXT(
            "nuxt",
            "Nuxt",
            p -> p.has("nuxt") || p.has("nuxt3"),
            "nuxi?\\s+(?:generate|build)",
            "npx nuxi generate"),
    ASTRO("astro", "Astro", p -> p.has("astro"), "astro\\s+build", "npx astro build"),
    GATSBY("gatsby", "Gatsby", p -> p.has("gatsby"), "gatsby\\s+build", "npx gatsby build"),
    DOCUSAURUS(
            "docusaurus",
            "Docusaurus",
            p -> p.has("@docusaurus/core"),
            "docusaurus\\s+build",
            "npx docusaurus build"),
    SVELTEKIT(
            "sveltekit",
            "SvelteKit",
            p -> p.has("@sveltejs/kit"),
            "(?:vite|svelte-kit)\\s+build",
            "npx vite build"),
    REMIX(
            "remix",
            "Remix",
            p -> p.hasAnyStartingWith("@remix-run/") || p.has("@react-router/dev"),
            "(?:remix|react-router|vite)\\s+build",
            "npx react-router build"),
    VITEPRESS(
            "vitepress",
            "VitePress",
            p -> p.has("vitepress"),
            "vitepress\\s+build",
            "npx vitepress build"),
    VUEPRESS(
            "vuepress",
            "VuePress",
            p -> p.has("vuepress") || p.hasAnyStartingWith("@vuepress/"),
            "vuepress\\s+build",
            "npx vuepress build"),
    ELEVENTY(
            "eleventy",
            "Eleventy",
            p -> p.has("@11ty/eleventy"),
            "(?:@11ty/)?eleventy(?![\\w-])(?![^&|;]*--(?:serve|watch))",
            "npx @11ty/eleventy"),
    HEXO("hexo", "Hexo", p -> p.has("hexo"), "hexo\\s+(?:generate|g)\\b", "npx hexo generate"),
    ANGULAR(
            "angular",
            "Angular",
            p ->
                    p.has("@angular/core") && p.has("@angular/cli")
                            || p.has("@angular-devkit/build-angular")
                            || p.has("@angular/build"),
            "ng\\s+build",
            "npx ng build"),
    CREATE_REACT_APP(
            "create-react-app",
            "Create React App",
            p -> p.has("react-scripts"),
            "react-scripts\\s+build",
            "npx react-scripts build"),
    PREACT_CLI(
            "preact-cli",
            "Preact CLI",
            p -> p.has("preact-cli"),
            "preact\\s+build",
            "npx preact build"),
    VUE_CLI(
            "vue-cli",
            "Vue CLI",
            p -> p.has("@vue/cli-service"),
            "vue-cli-service\\s+build",
            "npx vue-cli-service build"),
    EMBER("ember", "Ember", p -> p.has("ember-cli"), "ember\\s+build", "npx ember build"),
    VITE("vite", "Vite", p -> p.has("vite"), "vite\\s+build", "npx vite build"),
    PARCEL(
            "parcel",
            "Parcel",
            p -> p.has("parcel") || p.has("parcel-bundler"),
            "parcel\\s+build",
            "npx parcel build index.html"),
    WEBPACK(
            "webpack",
            "webpack",
            p -> p.has("webpack"),
            "webpack(?:-cli)?(?![\\w-])(?![^&|;]*(?:serve|--watch))",
            "npx webpack");

    private static final List<String> CONFIG_EXTENSIONS =
            List.of(".ts", ".mts", ".js", ".mjs", ".cjs");

    private final String id;
    private final String displayName;
    private final Predicate<PackageJson> matches;
    private final Pattern buildCommand;
    private final String suggestedCommand;

    Framework(
            String id,
            String displayName,
            Predicate<PackageJson> matches,
            String buildCommand,
            String suggestedCommand) {
        this.id = id;
        this.displayName = displayName;
        this.matches = matches;
        this.buildCommand = Pattern.compile("(?<![\\w@/-])" + buildCommand);
        this.suggestedCommand = suggestedCommand;
    }

    String id() {
        return id;
    }

    /** The name people know it by, for messages: {@code VitePress}. */
    String displayName() {
        return displayName;
    }

    /** {@code a VitePress}, {@code an Astro}. */
    String withArticle() {
        return ("AEIOU".indexOf(displayName.charAt(0)) >= 0 ? "an " : "a ") + displayName;
    }

    /** The first framework the package's dependencies name. */
    static Optional<Framework> detect(PackageJson pkg) {
        for (Framework f : values()) {
            if (f.matches.test(pkg)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether a script's command runs this framework's build ({@code vitepress build docs}). */
    boolean builds(String script) {
        return buildCommand.matcher(script).find();
    }

    /**
     * The command to set when the package has no script that builds it, with the source folder
     * where the tool needs one ({@code npx vitepress build docs}).
     */
    String suggestedCommand(Path appDir) {
        String marker =
                switch (this) {
                    case VITEPRESS -> ".vitepress";
                    case VUEPRESS -> ".vuepress";
                    default -> null;
                };
        if (marker == null || Files.isDirectory(appDir.resolve(marker))) {
            return suggestedCommand;
        }
        for (String dir : List.of("docs", "src", "website", "site")) {
            if (Files.isDirectory(appDir.resolve(dir).resolve(marker))) {
                return suggestedCommand + " " + dir;
            }
        }
        return suggestedCommand + " docs";
    }

    /**
     * Where the build writes the site by default.
     *
     * @param script the build script's command, or null when none is known
     */
    String outputDirectory(PackageJson pkg, Path appDir, String script) {
        return switch (this) {
            case NEXT -> "out";
            case NUXT -> nuxtOutput(pkg);
            case ASTRO -> configuredOutDir(appDir, "astro.config", "outDir").orElse("dist");
            case GATSBY, HEXO -> "public";
            case DOCUSAURUS, CREATE_REACT_APP, PREACT_CLI -> "build";
            case SVELTEKIT -> configuredOutDir(appDir, "svelte.config", "pages").orElse("build");
            case REMIX -> "build/client";
            case VITEPRESS ->
                    sourceDir(script, "vitepress")
                            .map(s -> s + "/.vitepress/dist")
                            .orElse(".vitepress/dist");
            case VUEPRESS ->
                    sourceDir(script, "vuepress")
                            .map(s -> s + "/.vuepress/dist")
                            .orElse(".vuepress/dist");
            case ELEVENTY -> "_site";
            case ANGULAR -> AngularOutput.of(pkg, appDir);
            case VITE -> configuredOutDir(appDir, "vite.config", "outDir").orElse("dist");
            case VUE_CLI, EMBER, PARCEL, WEBPACK -> "dist";
        };
    }

    private static String nuxtOutput(PackageJson pkg) {
        String version = pkg.dependencies().getOrDefault("nuxt", "");
        boolean nuxt2 = version.matches("^[\\^~]?2\\..*");
        return nuxt2 ? "dist" : ".output/public";
    }

    /** {@code vitepress build docs} → {@code docs}. */
    private static Optional<String> sourceDir(String script, String tool) {
        if (script == null) {
            return Optional.empty();
        }
        Pattern build = Pattern.compile("\\b" + tool + "\\s+build\\s+([^\\s&|;]+)");
        return Optional.of(build.matcher(script))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .filter(s -> !s.startsWith("-"))
                .map(s -> s.replaceAll("/+$", ""))
                .filter(s -> !s.isEmpty() && !s.equals("."));
    }

    /**
     * A literal {@code key: 'folder'} in the tool's config file ({@code outDir: 'public/app'});
     * only plain string literals count, so a computed path falls back to the default.
     */
    static Optional<String> configuredOutDir(Path appDir, String configBaseName, String key) {
        return configuredString(appDir, configBaseName, key)
                .map(dir -> dir.trim().replace('\\', '/'))
                .map(
                        dir -> {
                            while (dir.startsWith("./")) {
                                dir = dir.substring(2);
                            }
                            return dir.replaceAll("/+$", "");
                        })
                .filter(dir -> !dir.isEmpty() && !dir.startsWith("/") && !dir.contains(".."));
    }

    /**
     * The first literal {@code key: 'value'} (or {@code key = "value"}) in {@code
     * <configBaseName>.ts|mts|js|mjs|cjs}, with the file's name; empty when there is no such file
     * or no literal.
     */
    static Optional<String> configuredString(Path appDir, String configBaseName, String key) {
        return configuredLiteral(appDir, configBaseName, key).map(Literal::value);
    }

    /** A literal found in a config file, and the file's name. */
    record Literal(String file, String value) {}

    static Optional<Literal> configuredLiteral(Path appDir, String configBaseName, String key) {
        Pattern literal =
                Pattern.compile(
                        "(?<![\\w.$])['\"]?"
                                + Pattern.quote(key)
                                + "['\"]?\\s*[:=]\\s*(['\"`])([^'\"`$\\n]*)\\1");
        for (String ext : CONFIG_EXTENSIONS) {
            Path config = appDir.resolve(configBaseName + ext);
            if (Files.isRegularFile(config)) {
                try {
                    String text = withoutComments(Files.readString(config, StandardCharsets.UTF_8));
                    Matcher m = literal.matcher(text);
                    if (m.find()) {
                        return Optional.of(
                                new Literal(config.getFileName().toString(), m.group(2)));
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The text without {@code //} line comments and block comments (roughly: not in strings). */
    private static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)(^|[\\s;,{(])//.*$", "$1");
    }
}
