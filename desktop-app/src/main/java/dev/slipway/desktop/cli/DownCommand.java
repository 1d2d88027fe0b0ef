package dev.slipway.desktop.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code slipway down}: stops the local stack. */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = "Stops the local stack (the sites stay stored for the next 'up').")
final class DownCommand implements Callable<Integer> {

    private final CliContext context;

    DownCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var stack = context.localStack();
        boolean wasRunning = stack.status().running();
        stack.stop();
        if (context.json()) {
            context.terminal().out().println(Json.object("stopped", wasRunning));
        } else {
            context.terminal()
                    .out()
                    .println(
                            wasRunning
                                    ? "Local stack stopped."
                                    : "The local stack is not running.");
        }
        return 0;
    }
}
