package dev.slipway.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.LogListener;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.core.build.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectStepTest {

    @TempDir Path dir;
    private final List<String> lines = new ArrayList<>();
    private final BuildLog log =
            new BuildLog(
                    Clock.systemUTC(),
                    SecretMasker.none(),
                    List.<LogListener>of((e, json) -> lines.add(e.line())));

    private BuildPlan detect(Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return new DetectStep(dir, null, null, null, null, log).call();
    }

    private static String pkg(String deps, String build) {
        return "{\"scripts\":{\"build\":\"" + build + "\"},\"devDependencies\":{" + deps + "}}";
    }

    @Test
    void plainStaticSiteHasNothingToRun() throws Exception {
        BuildPlan plan = detect(Map.of("index.html", "x"));
        assertThat(plan.isStatic()).isTrue();
        assertThat(plan.installCommand()).isNull();
        assertThat(plan.buildCommand()).isNull();
        assertThat(plan.outputDirectory()).isEmpty();
    }

    @Test
    void viteWithPnpmLockAndCustomOutDir() throws Exception {
        BuildPlan plan =
                detect(
                        Map.of(
                                "package.json", pkg("\"vite\":\"^8\"", "vite build"),
                                "pnpm-lock.yaml", "lockfileVersion: '9.0'",
                                "vite.config.ts",
                                        "export default { build: { outDir: './www/' } }"));
        assertThat(plan.framework()).isEqualTo("vite");
        assertThat(plan.installCommand()).isEqualTo("pnpm install --frozen-lockfile");
        assertThat(plan.buildCommand()).isEqualTo("npm run build");
        assertThat(plan.outputDirectory()).isEqualTo("www");
        assertThat(lines)
                .anyMatch(l -> l.contains("pnpm 9 from pnpm-lock.yaml lockfileVersion 9.0"));
    }

    @Test
    void frameworksGetTheirOutputFolders() throws Exception {
        Map<String, String> expected =
                Map.of(
                        "\"react-scripts\":\"5\"", "build",
                        "\"next\":\"15\"", "out",
                        "\"gatsby\":\"5\"", "public",
                        "\"@docusaurus/core\":\"3\"", "build",
                        "\"@11ty/eleventy\":\"3\"", "_site",
                        "\"astro\":\"5\"", "dist",
                        "\"@sveltejs/kit\":\"2\",\"vite\":\"6\"", "build",
                        "\"nuxt\":\"^3.1\"", ".output/public");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path app = Files.createTempDirectory(dir, "app");
            Files.writeString(app.resolve("package.json"), pkg(e.getKey(), "x"));
            Files.writeString(app.resolve("yarn.lock"), "");
            BuildPlan plan = new DetectStep(app, null, null, null, null, log).call();
            assertThat(plan.outputDirectory()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(plan.installCommand()).isEqualTo("yarn install --frozen-lockfile");
        }
    }

    @Test
    void vitepressOutputFollowsItsSourceFolder() throws Exception {
        BuildPlan plan =
                detect(Map.of("package.json", pkg("\"vitepress\":\"1\"", "vitepress build docs")));
        assertThat(plan.outputDirectory()).isEqualTo("docs/.vitepress/dist");
        assertThat(plan.installCommand()).isEqualTo("npm install");
    }

    @Test
    void overridesWinOverDetection() throws Exception {
        Files.writeString(dir.resolve("package.json"), pkg("\"vite\":\"^8\"", "vite build"));
        Files.writeString(dir.resolve("package-lock.json"), "{}");
        BuildPlan plan =
                new DetectStep(
                                dir,
                                null,
                                "npm install --legacy-peer-deps",
                                "npm run export",
                                "site",
                                log)
                        .call();
        assertThat(plan.installCommand()).isEqualTo("npm install --legacy-peer-deps");
        assertThat(plan.buildCommand()).isEqualTo("npm run export");
        assertThat(plan.outputDirectory()).isEqualTo("site");
        assertThat(plan.outputOverridden()).isTrue();
    }

    private static String scripts(String deps, String scripts) {
        return "{\"scripts\":{" + scripts + "},\"devDependencies\":{" + deps + "}}";
    }

    @Test
    void vitepressDocsBuildScriptIsTheBuildWhenThereIsNoBuildScript() throws Exception {
        BuildPlan plan =
                detect(
                        Map.of(
                                "package.json",
                                scripts(
                                        "\"vitepress\":\"^1.6.3\"",
                                        "\"docs:dev\":\"vitepress dev docs\","
                                                + "\"docs:build\":\"vitepress build docs\","
                                                + "\"docs:preview\":\"vitepress preview docs\""),
                                "docs/index.md",
                                "# Hello"));
        assertThat(plan.framework()).isEqualTo("vitepress");
        assertThat(plan.buildCommand()).isEqualTo("npm run docs:build");
        assertThat(plan.outputDirectory()).isEqualTo("docs/.vitepress/dist");
        assertThat(lines)
                .anyMatch(
                        l ->
                                l.contains(
                                        "its docs:build script runs VitePress's build: vitepress build docs"));
    }

    @Test
    void eachFrameworksBuildIsFoundInAScriptOfAnyName() throws Exception {
        Map<String, String[]> cases =
                Map.of(
                        "\"@docusaurus/core\":\"3\"",
                                new String[] {"site:build", "docusaurus build", "build"},
                        "\"astro\":\"5\"",
                                new String[] {"compile", "astro check && astro build", "dist"},
                        "\"@11ty/eleventy\":\"3\"",
                                new String[] {"build:site", "npx @11ty/eleventy --quiet", "_site"},
                        "\"gatsby\":\"5\"", new String[] {"generate", "gatsby build", "public"},
                        "\"@sveltejs/kit\":\"2\",\"vite\":\"6\"",
                                new String[] {"bundle", "vite build", "build"},
                        "\"next\":\"15\"", new String[] {"export", "next build", "out"},
                        "\"vite\":\"6\"", new String[] {"make", "tsc && vite build", "dist"});
        for (Map.Entry<String, String[]> e : cases.entrySet()) {
            String[] c = e.getValue();
            Path app = Files.createTempDirectory(dir, "app");
            Files.writeString(
                    app.resolve("package.json"),
                    scripts(
                            e.getKey(),
                            "\"dev\":\"x dev\",\""
                                    + c[0]
                                    + "\":\""
                                    + c[1]
                                    + "\",\"preview\":\"x preview\""));
            BuildPlan plan = new DetectStep(app, null, null, null, null, log).call();
            assertThat(plan.buildCommand()).as(e.getKey()).isEqualTo("npm run " + c[0]);
            assertThat(plan.outputDirectory()).as(e.getKey()).isEqualTo(c[2]);
        }
    }

    @Test
    void scriptsThatServeOrWatchAreNeverTheBuild() throws Exception {
        Failure failure =
                catchThrowableOfType(
                        Failure.class,
                        () ->
                                detect(
                                        Map.of(
                                                "package.json",
                                                scripts(
                                                        "\"@11ty/eleventy\":\"3\"",
                                                        "\"start\":\"eleventy --serve\","
                                                                + "\"watch\":\"npx @11ty/eleventy --watch\""))));
        assertThat(failure.getMessage())
                .isEqualTo(
                        "This is an Eleventy app, but package.json has no script that builds it, so there is nothing to publish: set --build-command \"npx @11ty/eleventy\" (or add a build script), or --output-dir to publish a folder as it is.");
    }

    @Test
    void frameworkWithoutABuildFailsNamingTheCommandToSet() throws Exception {
        Failure failure =
                catchThrowableOfType(
                        Failure.class,
                        () ->
                                detect(
                                        Map.of(
                                                "package.json",
                                                scripts(
                                                        "\"vitepress\":\"1\"",
                                                        "\"docs:dev\":\"vitepress dev docs\""),
                                                "docs/.vitepress/config.mts",
                                                "export default {}",
                                                "docs/index.md",
                                                "# Hi")));
        assertThat(failure.kind()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(failure.getMessage())
                .contains("This is a VitePress app")
                .contains("set --build-command \"npx vitepress build docs\"");
    }

    @Test
    void frameworkWithoutABuildIsServedAsItIsWhenTheOutputIsGiven() throws Exception {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("package.json"), scripts("\"vite\":\"6\"", ""));
        BuildPlan plan = new DetectStep(dir, null, null, null, "site", log).call();
        assertThat(plan.buildCommand()).isNull();
        assertThat(plan.outputDirectory()).isEqualTo("site");
    }

    @Test
    void settingsAreNamedByTheirFlags() throws Exception {
        Files.writeString(dir.resolve("package.json"), pkg("\"vite\":\"^8\"", "vite build"));
        new DetectStep(dir, null, "npm install", "npm run export", "site", log).call();
        assertThat(lines)
                .contains(
                        "Install command: npm install (set with --install-command)",
                        "Build command: npm run export (set with --build-command)",
                        "Output folder: site (set with --output-dir)")
                .noneMatch(l -> l.matches(".*[A-Z]+_[A-Z]+.*"));
        Failure failure =
                catchThrowableOfType(
                        Failure.class,
                        () -> new DetectStep(dir, "apps/none", null, null, null, log).call());
        assertThat(failure.getMessage())
                .startsWith(
                        "--root-dir apps/none is not a folder of the repository: set --root-dir");
    }

    @Test
    void svelteKitWithoutTheStaticAdapterIsWarnedAbout() throws Exception {
        detect(
                Map.of(
                        "package.json",
                        pkg(
                                "\"@sveltejs/kit\":\"1\",\"@sveltejs/adapter-auto\":\"2\"",
                                "vite build")));
        assertThat(lines)
                .contains(
                        "warning: SvelteKit builds a static site only with @sveltejs/adapter-static"
                                + " (adapter: adapter() from it in svelte.config.js); this app uses"
                                + " @sveltejs/adapter-auto, which writes no site to publish.");
    }
}
