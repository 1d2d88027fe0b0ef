package dev.slipway.builder.build;

import dev.slipway.builder.detect.BuildPlan;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.process.BuildEnvironment;
import dev.slipway.builder.process.CommandRunner;
import dev.slipway.core.log.Phase;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the build command, then finds its output folder: the one given or detected, else the first
 * of the usual folders that exists.
 */
public final class BuildStep {

    private final BuildPlan plan;
    private final CommandRunner runner;
    private final BuildEnvironment environment;
    private final BuildLog log;

    public BuildStep(
            BuildPlan plan, CommandRunner runner, BuildEnvironment environment, BuildLog log) {
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
        return outputFolder();
    }

    private String outputFolder() {
        Path app = plan.appDirectory();
        if (plan.outputOverridden()
                || plan.outputDirectory().isEmpty()
                || Files.isDirectory(app.resolve(plan.outputDirectory()))) {
            return plan.outputDirectory();
        }
        for (String candidate : plan.outputCandidates()) {
            if (Files.isDirectory(app.resolve(candidate))) {
                log.info(
                        Phase.BUILD,
                        "No "
                                + plan.outputDirectory()
                                + "/ after the build; using "
                                + candidate
                                + "/, which it wrote (set OUTPUT_DIRECTORY to choose)");
                return candidate;
            }
        }
        throw Failure.build(
                "The build wrote no "
                        + plan.outputDirectory()
                        + "/ folder (nor dist, build, out, public, _site or .output/public): set OUTPUT_DIRECTORY to where it writes the site.");
    }
}
