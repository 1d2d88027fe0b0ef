package dev.slipway.desktop.cli;

import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.link.ProjectLink;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slipway link}: links this folder to a project, so {@code slipway deploy} redeploys it. */
@Command(
        name = "link",
        mixinStandardHelpOptions = true,
        description = {
            "Links this folder to a project (.slipway/project.json): 'slipway deploy' here then deploys this folder to it.",
            "Without <project>, shows the folder's link."
        })
final class LinkCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<project>")
    String project;

    LinkCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var out = context.terminal().out();
        if (project == null) {
            var linked = ProjectLink.find(context.workingDir());
            if (linked.isEmpty()) {
                throw SlipwayException.badInput(
                        "This folder is not linked to a project; link it with: slipway link <project>");
            }
            if (context.json()) {
                out.println(
                        Json.object(
                                "project", linked.get().project().value(),
                                "folder", linked.get().folder().toString()));
            } else {
                out.println(
                        linked.get().folder() + " is linked to " + linked.get().project() + ".");
            }
            return 0;
        }
        Slug slug = Arguments.project(project);
        if (context.services().projects().project(slug).isEmpty()) {
            throw SlipwayException.badInput(
                    "There is no project '"
                            + slug
                            + "' to link to; 'slipway list' shows the projects, or deploy this folder first.");
        }
        ProjectLink.write(context.workingDir(), slug);
        if (context.json()) {
            out.println(
                    Json.object(
                            "project", slug.value(), "folder", context.workingDir().toString()));
        } else {
            out.println("Linked " + context.workingDir() + " to " + slug + ".");
        }
        return 0;
    }
}
