package dev.slipway.builder.logstream;

import dev.slipway.core.log.LogEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every event, one JSON object per line, in a local file that is uploaded to {@code
 * logs/<project>/<deploymentId>.ndjson} at the end. It never drops a line: it is the complete log
 * even when Redis was down.
 */
public final class LogArchive implements LogListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogArchive.class);

    private final Path file;
    private final BufferedWriter out;
    private @Nullable IOException failure;
    private long events;

    public LogArchive(Path file) {
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the log archive " + file, e);
        }
    }

    @Override
    public synchronized void onEvent(LogEvent event, String json) {
        if (failure != null) {
            return;
        }
        try {
            out.write(json);
            out.write('\n');
            events++;
            if (event.isStatus()) {
                out.flush();
            }
        } catch (IOException e) {
            failure = e;
            LOG.error(
                    "Cannot write the log archive {}; later lines are only in the stream", file, e);
        }
    }

    /** Flushes and closes the file; after this {@link #file()} is complete. */
    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
            LOG.error("Cannot close the log archive {}", file, e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized long events() {
        return events;
    }

    /** Whether every event reached the file. */
    public synchronized boolean isComplete() {
        return failure == null;
    }
}
