package dev.slipway.builder;

import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.threads.DaemonThreads;
import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.build.JobHandoff;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The build program: reads the environment of contract section 5, runs one build, and exits with
 * the contract's status (0 READY, 1 failed, 2 bad input, 3 infrastructure, 130/143 canceled). A
 * builder the local launcher started ahead of its job reads the job's variables from its standard
 * input first ({@link JobHandoff}).
 */
public final class BuilderMain {

    private BuilderMain() {}

    public static void main(String[] args) {
        Writer console =
                new OutputStreamWriter(
                        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        WarmClients warm = null;
        if (JobHandoff.waits(env)) {
            // Started ahead of its job: the clients are made while the launcher decides.
            warm = WarmClients.start(env, BuilderSettings.from(env).uploadParallelism() + 4);
            Optional<Map<String, String>> job;
            try {
                job = JobHandoff.read(System.in);
            } catch (IOException e) {
                System.err.println("error: " + e.getMessage());
                warm.close();
                System.exit(ExitStatus.BAD_INPUT.exitCode());
                return;
            }
            if (job.isEmpty()) {
                // Not needed after all (the deploy did not start): nothing was written.
                warm.close();
                System.exit(0);
                return;
            }
            env = JobHandoff.merged(env, job.get());
        }
        BuilderApp app =
                new BuilderApp(
                        env,
                        Clock.systemUTC(),
                        console,
                        System.err,
                        BuilderSettings.from(env),
                        warm);
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
