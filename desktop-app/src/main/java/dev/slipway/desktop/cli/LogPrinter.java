package dev.slipway.desktop.cli;

import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.Phase;
import dev.slipway.desktop.logging.DaemonThreads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Prints a build's log events, the same way for {@code deploy} and {@code logs}: each output line
 * as the tool printed it, each change of status as a line of its own. On a terminal it also keeps a
 * live phase line under the log and shows the upload as a progress bar.
 */
public final class LogPrinter implements AutoCloseable {

    private static final String CLEAR_LINE = "\r\u001B[2K";
    private static final char[] SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏".toCharArray();

    private final Terminal terminal;
    private final PrintStream out;
    private final boolean live;
    private final long startNanos = System.nanoTime();
    private DeploymentStatus status;
    private String phaseLine;
    private boolean phaseShown;
    private int tick;
    private ProgressBar progress;
    private Thread ticker;

    /**
     * @param live whether to draw the phase line and progress bar (a terminal, and a build that is
     *     still running)
     */
    public LogPrinter(Terminal terminal, PrintStream out, boolean live) {
        this.terminal = terminal;
        this.out = out;
        this.live = live && terminal.interactive();
        if (this.live) {
            ticker = DaemonThreads.start("slipway-phase-line", this::tickForever);
        }
    }

    /**
     * The line printed for a status event, e.g. {@code -- BUILDING} or {@code -- READY http://…}.
     */
    public static String statusLine(LogEvent e) {
        StringBuilder s = new StringBuilder("-- ").append(e.status());
        if (e.url() != null) {
            s.append(' ').append(e.url());
        }
        if (e.error() != null) {
            s.append(": ").append(e.error());
        }
        return s.toString();
    }

    public synchronized void print(LogEvent e) {
        if (e.isStatus()) {
            endProgress();
            status = e.status();
            phaseLine = describe(e.status());
            emit(statusLine(e));
            if (e.isTerminal()) {
                phaseLine = null;
                clearPhase();
            }
            return;
        }
        if (live && e.total() != null && e.done() != null && e.total() > 0) {
            showProgress(e);
            return;
        }
        emit(e.line() == null ? "" : e.line());
    }

    private void showProgress(LogEvent e) {
        if (progress == null) {
            clearPhase();
            progress =
                    new ProgressBarBuilder()
                            .setTaskName(e.phase() == Phase.UPLOAD ? "Uploading" : "Working")
                            .setInitialMax(e.total())
                            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                            .setUpdateIntervalMillis(100)
                            .setConsumer(new ConsoleProgressBarConsumer(out))
                            .continuousUpdate()
                            .build();
        }
        progress.maxHint(e.total());
        progress.stepTo(e.done());
        if (e.done() >= e.total()) {
            endProgress();
        }
    }

    private void endProgress() {
        if (progress != null) {
            progress.close();
            progress = null;
        }
    }

    private void emit(String line) {
        if (live) {
            clearPhase();
            out.println(terminal.show(line));
            drawPhase();
        } else {
            out.println(terminal.show(line));
        }
        out.flush();
    }

    private void clearPhase() {
        if (live && phaseShown) {
            out.print(CLEAR_LINE);
            phaseShown = false;
        }
    }

    private void drawPhase() {
        if (!live || phaseLine == null || progress != null) {
            return;
        }
        long seconds = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
        out.print(
                CLEAR_LINE
                        + "\u001B[36m"
                        + SPINNER[tick % SPINNER.length]
                        + "\u001B[0m "
                        + phaseLine
                        + " \u001B[2m"
                        + seconds
                        + "s\u001B[0m");
        out.flush();
        phaseShown = true;
    }

    private void tickForever() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                tick++;
                drawPhase();
            }
        }
    }

    static String describe(DeploymentStatus status) {
        return switch (status) {
            case QUEUED -> "Queued";
            case STARTING -> "Starting the builder";
            case CLONING -> "Cloning";
            case INSTALLING -> "Installing dependencies";
            case BUILDING -> "Building";
            case UPLOADING -> "Uploading";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The last status printed, if any. */
    public synchronized DeploymentStatus status() {
        return status;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.interrupt();
        }
        endProgress();
        clearPhase();
        out.flush();
    }
}
