package dev.slipway.desktop.cli;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slipway rollback}: makes an earlier READY deployment of the project live. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description =
                "Makes an earlier READY deployment live (default: the one before the live one).")
final class RollbackCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "<project>")
    String project;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "<deploymentId>",
            description = "A READY deployment of this project.")
    String id;

    RollbackCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Slug slug = Arguments.project(project);
        DeploymentId target = id == null ? null : Arguments.deploymentId(id);
        DeploymentId live = context.services().projects().rollback(slug, target);
        String url = context.services().addresses().siteUrl(slug);
        if (context.json()) {
            context.terminal()
                    .out()
                    .println(
                            Json.object(
                                    "project", slug.value(),
                                    "liveDeploymentId", live.value(),
                                    "url", url));
        } else {
            context.terminal()
                    .out()
                    .println("Project " + slug + " now serves deployment " + live + " at " + url);
        }
        return 0;
    }
}
