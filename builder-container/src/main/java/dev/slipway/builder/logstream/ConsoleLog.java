package dev.slipway.builder.logstream;

import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import java.io.IOException;
import java.io.Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every event as a readable line to the builder's own standard output (the container's log
 * in ECS, the launcher's view of a local child process). Buffered, flushed at least every 200 ms
 * and at every status change, so a busy build is not slowed down by the console.
 */
public final class ConsoleLog implements LogListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLog.class);
    private static final long FLUSH_NANOS = 200_000_000L;

    /** "[build] ", "[build!] " (stderr), "[build*] " (Slipway's own lines), by phase and stream. */
    private static final String[][] PREFIXES = prefixes();

    private final Writer out;
    private long lastFlush = System.nanoTime();
    private boolean broken;

    public ConsoleLog(Writer out) {
        this.out = out;
    }

    @Override
    public synchronized void onEvent(LogEvent event, String json) {
        if (broken) {
            return;
        }
        try {
            if (event.isStatus()) {
                out.write("==> " + event.status());
                if (event.url() != null) {
                    out.write(" " + event.url());
                }
                if (event.error() != null) {
                    out.write(": " + event.error());
                }
                out.write('\n');
                flush();
                return;
            }
            out.write(PREFIXES[event.phase().ordinal()][event.stream().ordinal()]);
            out.write(event.line());
            out.write('\n');
            if (System.nanoTime() - lastFlush > FLUSH_NANOS) {
                flush();
            }
        } catch (IOException e) {
            broken = true;
            LOG.warn("Standard output is closed; the log goes on in Redis and the archive only", e);
        }
    }

    /** Flushes what is buffered; called by a timer so a quiet build's last lines still show. */
    public synchronized void flushIfStale() {
        if (!broken && System.nanoTime() - lastFlush > FLUSH_NANOS) {
            try {
                flush();
            } catch (IOException e) {
                broken = true;
                LOG.warn(
                        "Standard output is closed; the log goes on in Redis and the archive only",
                        e);
            }
        }
    }

    private void flush() throws IOException {
        out.flush();
        lastFlush = System.nanoTime();
    }

    private static String[][] prefixes() {
        dev.slipway.core.log.Phase[] phases = dev.slipway.core.log.Phase.values();
        OutputStream[] streams = OutputStream.values();
        String[][] p = new String[phases.length][streams.length];
        for (dev.slipway.core.log.Phase phase : phases) {
            for (OutputStream stream : streams) {
                String mark =
                        stream == OutputStream.STDERR
                                ? "!"
                                : stream == OutputStream.SYSTEM ? "*" : "";
                p[phase.ordinal()][stream.ordinal()] = "[" + phase.value() + mark + "] ";
            }
        }
        return p;
    }

    @Override
    public synchronized void close() {
        if (!broken) {
            try {
                out.flush();
            } catch (IOException e) {
                LOG.warn("Cannot flush standard output", e);
            }
        }
    }
}
