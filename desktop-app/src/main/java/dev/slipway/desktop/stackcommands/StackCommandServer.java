package dev.slipway.desktop.stackcommands;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.DefaultAppServices;
import dev.slipway.desktop.cli.Cli;
import dev.slipway.desktop.cli.CliContext;
import dev.slipway.desktop.cli.Terminal;
import dev.slipway.desktop.logging.DaemonThreads;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's side of the command socket ({@link CommandFrames}): runs {@code slipway deploy}
 * for another {@code slipway} process of the same user, as that process would have run it (its
 * arguments, folder, environment and console; the builders it starts inherit its environment), with
 * its output sent back as it is written. Each command runs on a thread of its own, with services of
 * its own.
 */
public final class StackCommandServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StackCommandServer.class);

    private final SlipwayHome home;
    private final Path socket;
    private final ServerSocketChannel server;
    private final DaemonThreads commands = DaemonThreads.named("slipway-stack-command");
    private volatile boolean closed;

    private StackCommandServer(SlipwayHome home, Path socket, ServerSocketChannel server) {
        this.home = home;
        this.socket = socket;
        this.server = server;
    }

    /**
     * Listens on {@code $SLIPWAY_HOME/stack.sock}, readable and writable by this user only; empty
     * (and every command then runs in its own process) when the socket cannot be made here.
     */
    public static Optional<StackCommandServer> start(SlipwayHome home) {
        Path socket = CommandFrames.socket(home);
        if (!CommandFrames.fits(socket)) {
            LOG.info("No command socket: {} is too long for a Unix socket's address", socket);
            return Optional.empty();
        }
        try {
            // The stack that is starting is the only one of this home: a socket left here is an
            // earlier stack's that did not stop cleanly.
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            try {
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // The folder's own permissions apply.
            }
            StackCommandServer s = new StackCommandServer(home, socket, server);
            DaemonThreads.start("slipway-stack-commands", s::accept);
            return Optional.of(s);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("No command socket at {}: every command runs in its own process", socket, e);
            return Optional.empty();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                commands.newThread(() -> serve(channel)).start();
            } catch (ClosedChannelException stopping) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("The command socket failed; commands run in their own processes", e);
                }
                return;
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            if (!sameUser(channel)) {
                LOG.warn("Refused a command from another user on {}", socket);
                return;
            }
            DataInputStream in =
                    new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            CommandFrames.Request request = CommandFrames.Request.read(in);
            if (!CommandFrames.runsInStack(request.args()) || !localMode()) {
                frame(channel, CommandFrames.DECLINED, new byte[0]);
                return;
            }
            byte[] pid = ByteBuffer.allocate(8).putLong(ProcessHandle.current().pid()).array();
            frame(channel, CommandFrames.ACCEPTED, pid);
            long started = System.nanoTime();
            int code = run(channel, in, request);
            LOG.info(
                    "Ran {} for process {} in {} ms: exit {}",
                    request.args(),
                    request.pid(),
                    (System.nanoTime() - started) / 1_000_000,
                    code);
        } catch (IOException e) {
            LOG.debug("A command on {} ended with its connection", socket, e);
        }
    }

    private int run(SocketChannel channel, DataInputStream in, CommandFrames.Request request) {
        Sink sink = new Sink(channel);
        PrintStream out = sink.stream(CommandFrames.OUT);
        PrintStream err = sink.stream(CommandFrames.ERR);
        Terminal terminal = Terminal.of(out, err, request.console(), request.env());
        CliContext context =
                new CliContext(
                        home,
                        request.env(),
                        request.workingDir(),
                        terminal,
                        c ->
                                DefaultAppServices.create(
                                        home, request.env(), request.workingDir(), request.env()));
        List<Runnable> onInterrupt = new CopyOnWriteArrayList<>();
        context.useInterrupts(
                action -> {
                    onInterrupt.add(action);
                    return () -> onInterrupt.remove(action);
                });
        Thread command = Thread.currentThread();
        Thread watcher =
                DaemonThreads.start(
                        "slipway-stack-command-watch",
                        () -> watch(in, sink, out, err, onInterrupt, command));
        int code;
        try {
            code = Cli.run(request.args().toArray(String[]::new), context);
        } catch (RuntimeException | Error e) {
            LOG.error("{} failed in the stack", request.args(), e);
            err.println(
                    "error: an unexpected "
                            + e.getClass().getSimpleName()
                            + " in the local stack ("
                            + e.getMessage()
                            + "); rerun with --debug and report it.");
            code = ExitStatus.INFRASTRUCTURE.exitCode();
        }
        out.flush();
        err.flush();
        Thread.interrupted(); // an interrupt meant for this command ends with it
        sink.finish(code);
        watcher.interrupt();
        return code;
    }

    /**
     * Waits for the caller's Ctrl-C, or for its end: then runs what the command asked to run on an
     * interrupt (the "build goes on" hint), stops sending its output and interrupts it.
     */
    private static void watch(
            DataInputStream in,
            Sink sink,
            PrintStream out,
            PrintStream err,
            List<Runnable> onInterrupt,
            Thread command) {
        try {
            int b;
            do {
                b = in.read();
            } while (b != -1 && b != CommandFrames.INTERRUPT);
        } catch (IOException closed) {
            // The caller is gone, or the command ended and closed the connection.
        }
        if (sink.finished()) {
            return;
        }
        for (Runnable action : onInterrupt) {
            action.run();
        }
        out.flush();
        err.flush();
        sink.mute();
        command.interrupt();
    }

    private boolean localMode() {
        try {
            return new ConfigStore(home).load().mode() == Mode.LOCAL;
        } catch (RuntimeException unreadable) {
            return false; // the command, run by the caller, says what is wrong with the config
        }
    }

    private static boolean sameUser(SocketChannel channel) throws IOException {
        try {
            String peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
            return peer.equals(System.getProperty("user.name"));
        } catch (UnsupportedOperationException noPeerCredentials) {
            return true; // the socket file is this user's alone
        }
    }

    private static void frame(SocketChannel channel, byte type, byte[] payload) throws IOException {
        CommandFrames.write(channel, type, payload, 0, payload.length);
    }

    /** A command's output on its way to the caller, in frames, until muted or finished. */
    private static final class Sink {
        private final SocketChannel channel;
        private boolean muted;
        private boolean finished;

        Sink(SocketChannel channel) {
            this.channel = channel;
        }

        PrintStream stream(byte type) {
            OutputStream frames =
                    new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            send(type, b, off, len);
                        }
                    };
            return new PrintStream(
                    new BufferedOutputStream(frames, 8192), true, StandardCharsets.UTF_8);
        }

        synchronized void send(byte type, byte[] b, int off, int len) throws IOException {
            if (!muted && !finished && len > 0) {
                CommandFrames.write(channel, type, b, off, len);
            }
        }

        synchronized void mute() {
            muted = true;
        }

        synchronized boolean finished() {
            return finished;
        }

        synchronized void finish(int code) {
            if (finished) {
                return;
            }
            finished = true;
            if (muted) {
                return;
            }
            try {
                byte[] exit = ByteBuffer.allocate(4).putInt(code).array();
                CommandFrames.write(channel, CommandFrames.EXIT, exit, 0, exit.length);
            } catch (IOException gone) {
                // The caller stopped waiting: the command's outcome is in the log and the list.
            }
        }
    }

    /** Stops taking commands and removes the socket; commands already running finish. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the command socket", e);
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", socket, e);
        }
    }
}
