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
        var stack = context.services().localStack();
        if (!stack.status().running()) {
            context.terminal().out().println("The local stack is not running.");
            stack.stop();
            return 0;
        }
        stack.stop();
        context.terminal().out().println("Local stack stopped.");
        return 0;
    }
}
