package dev.slipway.desktop.cli;

import dev.slipway.desktop.storage.UploadProgress;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows the upload of a folder's working tree (AWS mode) on standard error: a progress bar in MiB
 * on a terminal, else one line when it is done. Local mode reads the folder in place and shows
 * nothing.
 */
final class FolderUploadBar implements UploadProgress, AutoCloseable {

    private static final double MIB = 1024.0 * 1024;

    private final Terminal terminal;
    private final Path folder;
    private ProgressBar bar;
    private boolean done;

    FolderUploadBar(Terminal terminal, Path folder) {
        this.terminal = terminal;
        this.folder = folder;
    }

    @Override
    public void sent(long bytes, long total) {
        if (terminal.interactive()) {
            if (bar == null) {
                bar =
                        new ProgressBarBuilder()
                                .setTaskName("Uploading " + folder.getFileName())
                                .setInitialMax(total)
                                .setUnit(" MiB", (long) MIB)
                                .showSpeed()
                                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                                .setUpdateIntervalMillis(100)
                                .setConsumer(new ConsoleProgressBarConsumer(terminal.err()))
                                .build();
            }
            bar.stepTo(bytes);
        }
        if (bytes >= total && !done) {
            done = true;
            close();
            terminal.err()
                    .println(
                            "Uploaded "
                                    + folder
                                    + String.format(
                                            Locale.ROOT, " (%.1f MiB archive).", total / MIB));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
