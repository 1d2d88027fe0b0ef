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
      out.write('[');
      out.write(event.phase().value());
      out.write(event.stream() == OutputStream.STDERR ? "!] " : event.stream() == OutputStream.SYSTEM ? "*] " : "] ");
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
        LOG.warn("Standard output is closed; the log goes on in Redis and the archive only", e);
      }
    }
  }

  private void flush() throws IOException {
    out.flush();
    lastFlush = System.nanoTime();
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
