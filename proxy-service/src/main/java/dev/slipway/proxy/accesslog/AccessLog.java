package dev.slipway.proxy.accesslog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access-log lines on its own named daemon thread, so a request never waits for the log:
 * lines go into a bounded queue, the writer drains it in batches into the sink. When the sink falls
 * so far behind that the queue is full, a line is dropped and counted, never blocking.
 */
public final class AccessLog implements AutoCloseable {

    /** Where batches of lines go: standard output, or an SLF4J logger. */
    public interface Sink {
        void write(List<String> lines) throws Exception;

        default void flush() throws Exception {}
    }

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    private static final int CAPACITY = 65_536;

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Sink sink;
    private final Runnable onDrop;
    private final Thread writer;
    private volatile boolean running = true;

    public AccessLog(Sink sink, Runnable onDrop) {
        this.sink = sink;
        this.onDrop = onDrop;
        this.writer = new Thread(this::drain, "slipway-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a line; drops it (and counts the drop) if the writer is far behind. */
    public void append(String line) {
        if (!queue.offer(line)) {
            onDrop.run();
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>(1024);
        while (running || !queue.isEmpty()) {
            try {
                String first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 4095);
                sink.write(batch);
                if (queue.isEmpty()) {
                    sink.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.error("Could not write {} access-log lines", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(2000);
            sink.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("Could not flush the access log", e);
        }
    }
}
