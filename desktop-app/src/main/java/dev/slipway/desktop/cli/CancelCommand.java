package dev.slipway.desktop.cli;

import dev.slipway.core.deployment.DeploymentId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slipway cancel}: stops a running build. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description =
                "Stops a running build (ECS StopTask, or the local process and its children).")
final class CancelCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "<deploymentId>")
    String id;

    CancelCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DeploymentId deployment = Arguments.deploymentId(id);
        context.services().deploy().cancel(deployment);
        if (context.json()) {
            context.terminal()
                    .out()
                    .println(Json.object("deploymentId", deployment.value(), "status", "CANCELED"));
        } else {
            context.terminal().out().println("Canceled deployment " + deployment + ".");
        }
        return 0;
    }
}
