package dev.slipway.desktop.cli;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.aws.AwsLocalProxy;
import dev.slipway.desktop.logging.DaemonThreads;
import dev.slipway.desktop.stack.LocalStack;
import dev.slipway.desktop.stack.StackFile;
import dev.slipway.desktop.stackcommands.StackCommandServer;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipway up}: runs the local stack here, or in the background with {@code --detach}. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the local stack: storage under $SLIPWAY_HOME/data, Redis, and the proxy on proxyPort.",
            "Runs until Ctrl-C, or in the background with --detach (stop it with 'slipway down').",
            "In AWS mode, only the proxy, serving the stack's bucket at http://<project>.localhost:<proxyPort>/."
        })
final class UpCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(
            names = {"-d", "--detach"},
            description = "Start it in the background and return.")
    boolean detach;

    /** How a detached stack runs itself: in the foreground of its own background process. */
    @Option(names = "--background", hidden = true)
    boolean background;

    UpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = context.terminal().out();
        var stack = context.localStack();
        Optional<StackFile> running = stack.running();
        if (context.json() && !background) {
            StackFile file = stack.ensureRunningFile();
            String port = file.proxyPort() == 80 ? "" : ":" + file.proxyPort();
            out.println(
                    Json.object(
                            "running", true,
                            "pid", file.pid(),
                            "sites", "http://<project>." + file.baseDomain() + port + "/",
                            "s3Endpoint", file.s3Endpoint(),
                            "bucket", file.bucket()));
            return 0;
        }
        if (running.isPresent() && !background) {
            out.println(
                    "The local stack is already running (process " + running.get().pid() + ").");
            describe(out, running.get());
            return 0;
        }
        if (detach) {
            StackFile file = stack.ensureRunningFile();
            out.println(
                    "Local stack started in the background (process "
                            + file.pid()
                            + "); stop it with 'slipway down'.");
            describe(out, file);
            return 0;
        }
        SlipwayConfig config;
        try {
            config = context.services().config().load();
        } catch (dev.slipway.core.config.ConfigException e) {
            throw SlipwayException.badInput(e.getMessage());
        }
        // AWS mode: the proxy alone, serving the stack's bucket on this machine.
        AutoCloseable started;
        StackFile file;
        if (config.mode() == dev.slipway.core.config.Mode.AWS) {
            AwsLocalProxy proxy =
                    AwsLocalProxy.start(
                            context.home(),
                            dev.slipway.desktop.backend.AwsDefaults.apply(
                                    config, context.home().configFile(), context.env()),
                            context.env());
            started = proxy;
            file = proxy.file();
        } else {
            LocalStack local = LocalStack.start(context.home(), config);
            // deploy from another slipway process runs here, in this warm JVM (decision 0008).
            Optional<StackCommandServer> commands = StackCommandServer.start(context.home());
            started =
                    () -> {
                        commands.ifPresent(StackCommandServer::close);
                        local.close();
                    };
            file = local.file();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook =
                DaemonThreads.unstarted(
                        "slipway-stack-stop",
                        () -> {
                            try {
                                started.close();
                            } catch (Exception e) {
                                System.err.println("slipway: stopping failed: " + e.getMessage());
                            }
                            stopped.countDown();
                        });
        Runtime.getRuntime().addShutdownHook(hook);
        String what =
                file.accessKey() == null ? "Proxy for the bucket " + file.bucket() : "Local stack";
        if (background) {
            out.println(what + " running as process " + file.pid());
        } else {
            out.println(what + " running (Ctrl-C stops it):");
        }
        describe(out, file);
        out.flush();
        stopped.await();
        return 0;
    }

    private static void describe(PrintStream out, StackFile f) {
        String port = f.proxyPort() == 80 ? "" : ":" + f.proxyPort();
        out.println("  sites    http://<project>." + f.baseDomain() + port + "/");
        out.println("  storage  " + f.s3Endpoint() + " (bucket " + f.bucket() + ")");
        out.println(
                "  redis    "
                        + (f.redisUrl() == null
                                ? "none"
                                : f.redisUrl().replaceFirst("//[^@/]*@", "//")));
    }
}
