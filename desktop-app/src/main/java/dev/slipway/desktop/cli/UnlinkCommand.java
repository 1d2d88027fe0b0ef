package dev.slipway.desktop.cli;

import dev.slipway.desktop.link.ProjectLink;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code slipway unlink}: removes this folder's link to its project. */
@Command(
        name = "unlink",
        mixinStandardHelpOptions = true,
        description = "Removes this folder's link to its project (the project itself stays).")
final class UnlinkCommand implements Callable<Integer> {

    private final CliContext context;

    UnlinkCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        boolean removed = ProjectLink.remove(context.workingDir());
        if (context.json()) {
            context.terminal().out().println(Json.object("unlinked", removed));
        } else {
            context.terminal()
                    .out()
                    .println(
                            removed
                                    ? "Unlinked " + context.workingDir() + "."
                                    : "This folder was not linked.");
        }
        return 0;
    }
}
