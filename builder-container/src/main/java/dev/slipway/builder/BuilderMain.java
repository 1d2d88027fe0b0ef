package dev.slipway.builder;

import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.threads.DaemonThreads;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The build program: reads the environment of contract section 5, runs one build, and exits with
 * the contract's status (0 READY, 1 failed, 2 bad input, 3 infrastructure, 130/143 canceled).
 */
public final class BuilderMain {

    private BuilderMain() {}

    public static void main(String[] args) {
        Writer console =
                new OutputStreamWriter(
                        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
        BuilderApp app =
                new BuilderApp(
                        System.getenv(),
                        Clock.systemUTC(),
                        console,
                        System.err,
                        BuilderSettings.from(System.getenv()));
        Signals.onTermination(app::cancel);
        int code = app.run();
        System.exit(code);
    }

    /** SIGTERM (ECS StopTask, the launcher's cancel) and SIGINT (Ctrl-C) cancel the build. */
    static final class Signals {
        private Signals() {}

        @SuppressWarnings("restriction")
        static void onTermination(java.util.function.Consumer<StopSignal.Reason> cancel) {
            try {
                sun.misc.Signal.handle(
                        new sun.misc.Signal("TERM"),
                        s -> cancel.accept(StopSignal.Reason.TERMINATED));
                sun.misc.Signal.handle(
                        new sun.misc.Signal("INT"),
                        s -> cancel.accept(StopSignal.Reason.INTERRUPTED));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // No POSIX signals here: fall back to a shutdown hook, which sees both as SIGTERM.
                Runtime.getRuntime()
                        .addShutdownHook(
                                DaemonThreads.unstarted(
                                        "cancel-on-exit",
                                        () -> cancel.accept(StopSignal.Reason.TERMINATED)));
            }
        }
    }
}
