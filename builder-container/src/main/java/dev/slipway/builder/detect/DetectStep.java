package dev.slipway.builder.detect;

import dev.slipway.builder.config.Setting;
import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.routes.SlipwayJson;
import dev.slipway.core.log.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks at the app folder and decides how to build it: a plain static site (no {@code
 * package.json}) or a Node app, its package manager (from the lockfile), its build script and
 * output folder (from its framework). Every setting the person gave wins; every decision is logged
 * with its reason.
 */
public final class DetectStep {

    /** Where builds commonly put their output, in the order they are tried (contract section 5). */
    public static final List<String> OUTPUT_CANDIDATES =
            List.of("dist", "build", "out", "public", "_site", ".output/public");

    private final Path checkout;
    private final String rootDirectory;
    private final String installOverride;
    private final String buildOverride;
    private final String outputOverride;
    private final BuildLog log;

    /**
     * Detects how to build the context's source.
     *
     * @param settings the deploy's settings over {@code slipway.json}'s, which win over detection
     */
    public DetectStep(BuildContext context, SlipwayJson.Settings settings) {
        this(
                context.sourceDirectory(),
                settings.rootDirectory(),
                settings.installCommand(),
                settings.buildCommand(),
                settings.outputDirectory(),
                context.log());
    }

    DetectStep(
            Path checkout,
            String rootDirectory,
            String installOverride,
            String buildOverride,
            String outputOverride,
            BuildLog log) {
        this.checkout = checkout;
        this.rootDirectory = rootDirectory;
        this.installOverride = installOverride;
        this.buildOverride = buildOverride;
        this.outputOverride = outputOverride;
        this.log = log;
    }

    public BuildPlan call() {
        Path appDir = appDirectory();
        Path packageFile = appDir.resolve("package.json");
        if (!Files.isRegularFile(packageFile, LinkOption.NOFOLLOW_LINKS)) {
            return staticPlan(appDir);
        }
        PackageJson pkg;
        try {
            pkg = PackageJson.parse(Files.readString(packageFile, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw Failure.build("Cannot read " + relative(packageFile) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Failure.build(
                    relative(packageFile)
                            + " is not valid JSON ("
                            + e.getMessage()
                            + "): fix it in the repository.");
        }
        ManagerChoice lock = new ManagerResolver(checkout).resolve(appDir, pkg.packageManager());
        String install =
                installOverride != null
                        ? installOverride
                        : lock.manager().equals(PackageManager.NPM) && lock.lockfile() == null
                                ? "npm install"
                                : lock.lockfile() == null
                                        ? lock.manager().command() + " install"
                                        : lock.manager().frozenInstall();
        log.info(Phase.INSTALL, "Node app: package manager " + lock.describe());
        log.info(
                Phase.INSTALL,
                installOverride != null
                        ? "Install command: "
                                + install
                                + " (set with "
                                + Setting.INSTALL_COMMAND.flag()
                                + ")"
                        : "Install command: " + install);

        Optional<Framework> framework = Framework.detect(pkg);
        String frameworkId = framework.map(Framework::id).orElse("node");
        framework.ifPresentOrElse(
                f ->
                        log.info(
                                Phase.BUILD,
                                "Framework: "
                                        + f.id()
                                        + " (from the dependencies in package.json)"),
                () -> log.info(Phase.BUILD, "Framework: none recognised in package.json"));

        String build = buildOverride;
        String script = null;
        if (build != null) {
            log.info(
                    Phase.BUILD,
                    "Build command: " + build + " (set with " + Setting.BUILD_COMMAND.flag() + ")");
            script = build;
        } else {
            Optional<BuildScript> found = BuildScript.choose(pkg, framework);
            if (found.isPresent()) {
                BuildScript chosen = found.get();
                script = chosen.command();
                build =
                        (lock.manager() == PackageManager.YARN_BERRY ? "yarn run " : "npm run ")
                                + chosen.name();
                log.info(Phase.BUILD, "Build command: " + build + " (" + chosen.reason() + ")");
            } else if (framework.isPresent() && outputOverride == null) {
                Framework f = framework.get();
                throw Failure.badInput(
                        "This is "
                                + f.withArticle()
                                + " app, but package.json has no script that builds it, so there is nothing to publish: set "
                                + Setting.BUILD_COMMAND.flag()
                                + " \""
                                + f.suggestedCommand(appDir)
                                + "\" (or add a build script), or "
                                + Setting.OUTPUT_DIRECTORY.flag()
                                + " to publish a folder as it is.");
            } else {
                log.info(
                        Phase.BUILD,
                        "No build command: package.json has no build script, so the files are served as they are");
            }
        }
        if (framework.orElse(null) == Framework.NEXT) {
            warnUnlessNextExport(appDir, pkg);
        }
        if (framework.orElse(null) == Framework.SVELTEKIT && !pkg.has("@sveltejs/adapter-static")) {
            log.warn(
                    Phase.BUILD,
                    "SvelteKit builds a static site only with @sveltejs/adapter-static (adapter: adapter() from it in svelte.config.js); "
                            + pkg.dependencies().keySet().stream()
                                    .filter(d -> d.startsWith("@sveltejs/adapter-"))
                                    .findFirst()
                                    .map(
                                            d ->
                                                    "this app uses "
                                                            + d
                                                            + ", which writes no site to publish.")
                                    .orElse("this app names no adapter."));
        }

        String output;
        boolean overridden = outputOverride != null;
        if (overridden) {
            output = outputOverride;
            log.info(
                    Phase.BUILD,
                    "Output folder: "
                            + output
                            + " (set with "
                            + Setting.OUTPUT_DIRECTORY.flag()
                            + ")");
        } else if (build == null) {
            output =
                    OUTPUT_CANDIDATES.stream()
                            .filter(c -> Files.isDirectory(appDir.resolve(c)))
                            .findFirst()
                            .orElse("");
            log.info(
                    Phase.BUILD,
                    "Output folder: "
                            + (output.isEmpty() ? "the app folder itself" : output)
                            + " (nothing is built)");
        } else {
            String buildScript = script;
            output = framework.map(f -> f.outputDirectory(pkg, appDir, buildScript)).orElse("dist");
            log.info(
                    Phase.BUILD,
                    "Output folder: "
                            + output
                            + framework
                                    .map(f -> " (" + f.id() + "'s default)")
                                    .orElse(
                                            " (expected; the usual folders are tried if it is missing)"));
        }
        List<String> candidates = new ArrayList<>(OUTPUT_CANDIDATES);
        candidates.remove(output);
        return new BuildPlan(
                appDir,
                frameworkId,
                lock.manager(),
                lock.lockfile(),
                install,
                build,
                output,
                overridden,
                List.copyOf(candidates),
                lock);
    }

    private BuildPlan staticPlan(Path appDir) {
        String output = outputOverride != null ? outputOverride : "";
        log.info(
                Phase.BUILD,
                "Plain static site: no package.json"
                        + (rootDirectory == null ? "" : " in " + rootDirectory)
                        + ", so the files are served as they are from "
                        + (output.isEmpty()
                                ? "the "
                                        + (rootDirectory == null
                                                ? "repository root"
                                                : "root directory")
                                : output));
        if (installOverride != null || buildOverride != null) {
            log.info(
                    Phase.BUILD,
                    "Running the given "
                            + (installOverride != null ? Setting.INSTALL_COMMAND.flag() : "")
                            + (installOverride != null && buildOverride != null ? " and " : "")
                            + (buildOverride != null ? Setting.BUILD_COMMAND.flag() : ""));
        }
        return new BuildPlan(
                appDir,
                "static",
                null,
                null,
                installOverride,
                buildOverride,
                output,
                outputOverride != null,
                List.of());
    }

    private Path appDirectory() {
        if (rootDirectory == null) {
            return checkout;
        }
        Path dir = checkout.resolve(rootDirectory).normalize();
        if (!dir.startsWith(checkout) || !Files.isDirectory(dir)) {
            throw Failure.badInput(
                    Setting.ROOT_DIRECTORY.flag()
                            + " "
                            + rootDirectory
                            + " is not a folder of the repository: set "
                            + Setting.ROOT_DIRECTORY.flag()
                            + " to the app's folder, such as apps/web, or leave it out.");
        }
        try {
            if (!dir.toRealPath().startsWith(checkout.toRealPath())) {
                throw Failure.badInput(
                        Setting.ROOT_DIRECTORY.flag()
                                + " "
                                + rootDirectory
                                + " is a link leading outside the repository: set "
                                + Setting.ROOT_DIRECTORY.flag()
                                + " to a real folder.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info(Phase.BUILD, "Root directory: " + rootDirectory);
        return dir;
    }

    private void warnUnlessNextExport(Path appDir, PackageJson pkg) {
        boolean export = pkg.scripts().values().stream().anyMatch(s -> s.contains("next export"));
        for (String name :
                List.of("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs")) {
            Path config = appDir.resolve(name);
            try {
                if (Files.isRegularFile(config)
                        && Files.readString(config)
                                .matches("(?s).*output\\s*:\\s*['\"]export['\"].*")) {
                    export = true;
                }
            } catch (IOException | UncheckedIOException e) {
                log.warn(Phase.BUILD, "Cannot read " + name + ": " + e.getMessage());
            }
        }
        if (!export) {
            log.warn(
                    Phase.BUILD,
                    "Next.js builds a static site only with output: 'export' in next.config; without it there is no out/ folder to serve.");
        }
    }

    private String relative(Path p) {
        return checkout.relativize(p).toString();
    }
}
