package dev.slipway.builder.build;

import dev.slipway.builder.config.Setting;
import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.detect.BuildPlan;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.output.SiteFolders;
import dev.slipway.builder.process.BuildEnvironment;
import dev.slipway.builder.process.CommandRunner;
import dev.slipway.core.log.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the build command, then finds its output folder: the one given, or the detected one when it
 * holds an index.html, else the folder the build wrote an index.html into, else the detected or
 * first usual folder that exists.
 */
public final class BuildStep {

    private final BuildPlan plan;
    private final CommandRunner runner;
    private final BuildEnvironment environment;
    private final BuildLog log;

    /** Runs the plan's build with the context's command runner. */
    public BuildStep(BuildContext context, BuildPlan plan, BuildEnvironment environment) {
        this(plan, context.commandRunner(), environment, context.log());
    }

    BuildStep(BuildPlan plan, CommandRunner runner, BuildEnvironment environment, BuildLog log) {
        this.plan = plan;
        this.runner = runner;
        this.environment = environment;
        this.log = log;
    }

    /**
     * Builds; returns the output folder's path relative to the app folder ("" for the folder
     * itself).
     */
    public String call() {
        SiteFolders before = SiteFolders.snapshot(plan.appDirectory());
        if (plan.buildCommand() == null) {
            log.info(Phase.BUILD, "Nothing to build");
        } else {
            log.info(Phase.BUILD, "$ " + plan.buildCommand());
            CommandRunner.Result result =
                    runner.run(
                            Phase.BUILD,
                            plan.buildCommand(),
                            plan.appDirectory(),
                            environment.forBuild());
            if (result.exitCode() != 0) {
                throw Failure.build(
                        plan.buildCommand()
                                + " exited with "
                                + result.exitCode()
                                + ": see the build log above.");
            }
            log.info(
                    Phase.BUILD,
                    String.format("Built in %.1f s", result.duration().toMillis() / 1000.0));
        }
        return outputFolder(before);
    }

    private String outputFolder(SiteFolders before) {
        Path app = plan.appDirectory();
        String expected = plan.outputDirectory();
        if (plan.outputOverridden() || expected.isEmpty()) {
            return expected;
        }
        boolean exists = Files.isDirectory(app.resolve(expected));
        if (exists && Files.isRegularFile(app.resolve(expected).resolve("index.html"))) {
            return expected;
        }
        // The folder the build wrote with an index.html: the framework's, else the usual ones.
        List<String> preferred = new ArrayList<>(List.of(expected));
        preferred.addAll(plan.outputCandidates());
        Optional<String> written = before.writtenSince(preferred);
        if (written.isPresent()) {
            log.info(
                    Phase.BUILD,
                    (exists
                                    ? expected + "/ has no index.html"
                                    : "No " + expected + "/ after the build")
                            + "; using "
                            + written.get()
                            + "/, where the build wrote an index.html (set "
                            + Setting.OUTPUT_DIRECTORY.flag()
                            + " to choose)");
            return written.get();
        }
        if (exists) {
            return expected;
        }
        for (String candidate : plan.outputCandidates()) {
            if (Files.isDirectory(app.resolve(candidate))) {
                log.info(
                        Phase.BUILD,
                        "No "
                                + expected
                                + "/ after the build; using "
                                + candidate
                                + "/, which it wrote (set "
                                + Setting.OUTPUT_DIRECTORY.flag()
                                + " to choose)");
                return candidate;
            }
        }
        throw Failure.build(
                "The build wrote no "
                        + expected
                        + "/ folder (nor "
                        + String.join(", ", plan.outputCandidates())
                        + ") and no other folder with an index.html: set "
                        + Setting.OUTPUT_DIRECTORY.both()
                        + " to where it writes the site.");
    }
}
