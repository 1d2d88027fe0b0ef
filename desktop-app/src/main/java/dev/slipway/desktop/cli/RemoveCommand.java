package dev.slipway.desktop.cli;

import dev.slipway.core.project.Slug;
import dev.slipway.desktop.projects.ProjectService.RemovalPlan;
import java.io.Console;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code slipway remove}: deletes a project, its deployments, logs and secrets, and the blobs
 * nothing else uses.
 */
@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = {
            "Deletes the project, its deployments, logs, cache and saved secrets, and the blobs no other deployment uses.",
            "It asks first on a terminal; --yes skips the question, and is needed when there is no terminal to ask on."
        })
final class RemoveCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "<project>")
    String project;

    @picocli.CommandLine.Option(
            names = {"-y", "--yes"},
            description = "Remove without asking.")
    boolean yes;

    RemoveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Slug slug = Arguments.project(project);
        Console console = System.console();
        if (!yes && (!context.terminal().interactive() || console == null || context.json())) {
            throw dev.slipway.desktop.SlipwayException.badInput(
                    "Removing "
                            + slug
                            + " deletes all its deployments; there is no terminal to ask on, so add --yes to confirm: slipway remove "
                            + slug
                            + " --yes");
        }
        if (!yes) {
            RemovalPlan plan = context.services().projects().planRemoval(slug);
            String answer =
                    console.readLine(
                            "Remove %s: %s, %s, %s (%s)? [y/N] ",
                            slug,
                            count(plan.deployments(), "deployment"),
                            count(plan.logs(), "log"),
                            count(plan.blobs(), "file"),
                            bytes(plan.blobBytes()));
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                context.terminal().out().println("Nothing removed.");
                return 0;
            }
        }
        RemovalPlan done = context.services().projects().remove(slug);
        if (context.json()) {
            context.terminal()
                    .out()
                    .println(
                            Json.object(
                                    "project", slug.value(),
                                    "deployments", done.deployments(),
                                    "logs", done.logs(),
                                    "blobs", done.blobs(),
                                    "bytes", done.blobBytes()));
            return 0;
        }
        context.terminal()
                .out()
                .println(
                        "Removed "
                                + slug
                                + ": "
                                + count(done.deployments(), "deployment")
                                + ", "
                                + count(done.logs(), "log")
                                + ", "
                                + count(done.blobs(), "file")
                                + " no other deployment uses ("
                                + bytes(done.blobBytes())
                                + ").");
        return 0;
    }

    /** "1 deployment", "2 deployments". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
