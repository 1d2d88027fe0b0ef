package dev.slipway.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.LogListener;
import dev.slipway.builder.logstream.SecretMasker;
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
}
