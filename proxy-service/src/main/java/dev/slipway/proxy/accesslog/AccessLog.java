package dev.slipway.proxy.accesslog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access-log lines without making a request wait or wake anyone: each thread that ends
 * requests encodes its lines as UTF-8 straight into a buffer of its own ({@link #line()}); the
 * writer, a named daemon thread, takes those buffers every {@value #FLUSH_MILLIS} ms (or when one
 * fills, 64 KiB) and hands them to the sink in one write. Lines of one thread stay in order; lines
 * of different threads are interleaved by batch, as nginx's workers' are. When the sink falls so
 * far behind that {@value #MAX_PENDING} full buffers wait, further lines are dropped and counted.
 */
public final class AccessLog implements AutoCloseable {

    /** Where batches of lines go: standard output, or an SLF4J logger, or a test's list. */
    public interface Sink {
        void write(List<String> lines) throws Exception;

        /** UTF-8 lines, each ending in {@code \n}; by default split and given to {@link #write}. */
        default void write(byte[] bytes, int offset, int length) throws Exception {
            List<String> lines = new ArrayList<>();
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            write(lines);
        }

        default void flush() throws Exception {}
    }

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    static final int FLUSH_MILLIS = 200;
    static final int BATCH_BYTES = 64 * 1024;
    static final int MAX_PENDING = 64;

    private final Sink sink;
    private final Runnable onDrop;
    private final Thread writer;
    private final List<Batch> batches = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(MAX_PENDING);
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(MAX_PENDING);
    private final ThreadLocal<JsonLine> lines = ThreadLocal.withInitial(this::newLine);
    private volatile boolean running = true;

    public AccessLog(Sink sink, Runnable onDrop) {
        this.sink = sink;
        this.onDrop = onDrop;
        this.writer = new Thread(this::drain, "slipway-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * This thread's line being written: fill it, then {@link JsonLine#end()} queues it. Only the
     * calling thread may use it.
     */
    public JsonLine line() {
        JsonLine line = lines.get();
        line.reset();
        return line;
    }

    /** Queues a line already made (no newline); for callers outside the request path. */
    public void append(String line) {
        JsonLine l = line();
        l.raw(line);
        l.end();
    }

    private JsonLine newLine() {
        Batch batch = new Batch();
        batches.add(batch);
        return new JsonLine(batch);
    }

    private record Chunk(byte[] bytes, int length) {}

    /** One thread's lines not yet written; the writer takes them under the batch's lock. */
    final class Batch {
        private byte[] buffer = new byte[BATCH_BYTES];
        private int length;

        synchronized void add(byte[] line, int n) {
            if (length + n > buffer.length) {
                if (length > 0 && !handOff()) {
                    onDrop.run();
                    return;
                }
                if (n > buffer.length) {
                    buffer = new byte[n];
                }
            }
            System.arraycopy(line, 0, buffer, length, n);
            length += n;
        }

        /** Gives the full buffer to the writer; false (nothing changed) when too many wait. */
        private boolean handOff() {
            if (!full.offer(new Chunk(buffer, length))) {
                return false;
            }
            byte[] next = spare.poll();
            buffer = next != null ? next : new byte[BATCH_BYTES];
            length = 0;
            LockSupport.unpark(writer);
            return true;
        }

        synchronized Chunk take() {
            if (length == 0) {
                return null;
            }
            Chunk chunk = new Chunk(buffer, length);
            byte[] next = spare.poll();
            buffer = next != null ? next : new byte[BATCH_BYTES];
            length = 0;
            return chunk;
        }
    }

    private void drain() {
        List<Chunk> work = new ArrayList<>();
        while (true) {
            boolean last = !running;
            full.drainTo(work);
            for (Batch batch : batches) {
                Chunk chunk = batch.take();
                if (chunk != null) {
                    work.add(chunk);
                }
            }
            if (!work.isEmpty()) {
                try {
                    for (Chunk chunk : work) {
                        sink.write(chunk.bytes(), 0, chunk.length());
                    }
                    sink.flush();
                } catch (Exception e) {
                    log.error("Could not write {} bytes of access log", bytes(work), e);
                }
                for (Chunk chunk : work) {
                    if (chunk.bytes().length == BATCH_BYTES) {
                        spare.offer(chunk.bytes());
                    }
                }
                work.clear();
            }
            if (last) {
                return;
            }
            if (full.isEmpty()) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS));
            }
        }
    }

    private static long bytes(List<Chunk> chunks) {
        long n = 0;
        for (Chunk c : chunks) {
            n += c.length();
        }
        return n;
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
