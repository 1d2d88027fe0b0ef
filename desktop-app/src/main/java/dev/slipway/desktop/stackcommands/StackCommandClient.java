package dev.slipway.desktop.stackcommands;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.logging.DaemonThreads;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code slipway} side of the command socket ({@link CommandFrames}): hands a {@code deploy} to
 * the running local stack and prints what it prints. It loads no more than it needs for that (no
 * picocli, no logging, no clients), which is the point: the command's own work runs in the stack's
 * warm JVM.
 */
public final class StackCommandClient {

    /** How long Ctrl-C waits for the stack to print the command's last words. */
    private static final long INTERRUPT_WAIT_SECONDS = 3;

    private StackCommandClient() {}

    /**
     * Runs {@code args} in the local stack of {@code env}'s home when it runs and takes them; empty
     * when this process should run them itself (no stack, another command, another mode), in which
     * case nothing was started.
     */
    public static OptionalInt run(
            List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if ("false".equals(env.get(CommandFrames.ENV)) || !CommandFrames.runsInStack(args)) {
            return OptionalInt.empty();
        }
        Path socket = CommandFrames.socket(SlipwayHome.fromEnvironment(env));
        if (!CommandFrames.fits(socket) || !Files.exists(socket)) {
            return OptionalInt.empty();
        }
        SocketChannel channel;
        DataInputStream in;
        long stackPid;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException refused) {
            return OptionalInt.empty(); // a socket left by a stack that stopped
        }
        try {
            var request =
                    new CommandFrames.Request(
                            ProcessHandle.current().pid(),
                            System.console() != null,
                            Path.of("").toAbsolutePath(),
                            args,
                            env);
            request.write(
                    new DataOutputStream(
                            new BufferedOutputStream(Channels.newOutputStream(channel))));
            in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            CommandFrames.Frame answer = CommandFrames.Frame.read(in);
            if (answer.type() != CommandFrames.ACCEPTED) {
                channel.close();
                return OptionalInt.empty();
            }
            stackPid = ByteBuffer.wrap(answer.payload()).order(ByteOrder.BIG_ENDIAN).getLong();
        } catch (IOException beforeAccepted) {
            closeQuietly(channel);
            return OptionalInt.empty(); // the stack took nothing: this process runs the command
        }
        if (args.contains("-v") || args.contains("--verbose")) {
            err.println("slipway: run by the local stack (process " + stackPid + ")");
        }
        return OptionalInt.of(follow(channel, in, stackPid, out, err));
    }

    private static int follow(
            SocketChannel channel,
            DataInputStream in,
            long stackPid,
            PrintStream out,
            PrintStream err) {
        CountDownLatch done = new CountDownLatch(1);
        boolean[] interrupted = {false};
        Thread hook =
                DaemonThreads.unstarted(
                        "slipway-stack-interrupt",
                        () -> {
                            if (done.getCount() == 0) {
                                return;
                            }
                            interrupted[0] = true;
                            try {
                                channel.write(
                                        ByteBuffer.wrap(new byte[] {CommandFrames.INTERRUPT}));
                                done.await(INTERRUPT_WAIT_SECONDS, TimeUnit.SECONDS);
                            } catch (IOException gone) {
                                // The stack has closed the command already: nothing more to print.
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            while (true) {
                CommandFrames.Frame frame = CommandFrames.Frame.read(in);
                switch (frame.type()) {
                    case CommandFrames.OUT -> {
                        out.write(frame.payload(), 0, frame.payload().length);
                        out.flush();
                    }
                    case CommandFrames.ERR -> {
                        err.write(frame.payload(), 0, frame.payload().length);
                        err.flush();
                    }
                    case CommandFrames.EXIT -> {
                        return frame.exitCode();
                    }
                    default ->
                            throw new IOException(
                                    "a frame of type " + frame.type() + " from the stack");
                }
            }
        } catch (EOFException | java.nio.channels.AsynchronousCloseException closed) {
            if (interrupted[0]) {
                return ExitStatus.FAILED.exitCode();
            }
            err.println(
                    "error: the local stack (process "
                            + stackPid
                            + ") stopped while it ran this command; 'slipway list' shows whether the deployment started.");
            return ExitStatus.INFRASTRUCTURE.exitCode();
        } catch (IOException e) {
            err.println(
                    "error: the connection to the local stack (process "
                            + stackPid
                            + ") failed ("
                            + e.getMessage()
                            + "); 'slipway list' shows whether the deployment started.");
            return ExitStatus.INFRASTRUCTURE.exitCode();
        } finally {
            done.countDown();
            closeQuietly(channel);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and has what it waited for.
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a local socket that failed: there is nothing left to tell anyone.
        }
    }
}
