package dev.slipway.desktop.cli;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.promote.PromoteService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slipway promote}: makes a READY deployment, such as a preview, live. */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = "Makes a READY deployment (a preview, for example) the project's live one.")
final class PromoteCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "<project>")
    String project;

    @Parameters(index = "1", paramLabel = "<deploymentId>", description = "A READY deployment.")
    String id;

    PromoteCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Slug slug = Arguments.project(project);
        DeploymentId target = Arguments.deploymentId(id);
        PromoteService.Promoted done = context.services().promote().promote(slug, target);
        var addresses = context.services().addresses();
        String url = addresses.siteUrl(slug);
        if (context.json()) {
            context.terminal()
                    .out()
                    .println(
                            Json.object(
                                    "project", slug.value(),
                                    "liveDeploymentId", done.live().value(),
                                    "previousDeploymentId", done.previous(),
                                    "url", url,
                                    "deploymentUrl", addresses.deploymentUrl(slug, target)));
        } else {
            context.terminal()
                    .out()
                    .println("Project " + slug + " now serves deployment " + target + " at " + url);
        }
        return 0;
    }
}
