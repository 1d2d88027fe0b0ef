package dev.slipway.builder.install;

import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.detect.BuildPlan;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.process.BuildEnvironment;
import dev.slipway.builder.process.CommandRunner;
import dev.slipway.core.log.Phase;

/** Installs the app's dependencies with the detected (or given) install command. */
public final class InstallStep {

    private final BuildPlan plan;
    private final CommandRunner runner;
    private final BuildEnvironment environment;
    private final BuildLog log;

    /** Installs the plan's dependencies with the context's command runner. */
    public InstallStep(BuildContext context, BuildPlan plan, BuildEnvironment environment) {
        this(plan, context.commandRunner(), environment, context.log());
    }

    InstallStep(BuildPlan plan, CommandRunner runner, BuildEnvironment environment, BuildLog log) {
        this.plan = plan;
        this.runner = runner;
        this.environment = environment;
        this.log = log;
    }

    public void call() {
        if (plan.installCommand() == null) {
            log.info(Phase.INSTALL, "Nothing to install");
            return;
        }
        log.info(Phase.INSTALL, "$ " + plan.installCommand());
        CommandRunner.Result result =
                runner.run(
                        Phase.INSTALL,
                        plan.installCommand(),
                        plan.appDirectory(),
                        environment.forInstall());
        if (result.exitCode() != 0) {
            throw Failure.build(
                    plan.installCommand()
                            + " exited with "
                            + result.exitCode()
                            + ": see the install log above.");
        }
        log.info(Phase.INSTALL, "Installed in " + seconds(result.duration()));
    }

    static String seconds(java.time.Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
