package dev.slipway.builder.logstream;

import dev.slipway.builder.threads.DaemonThreads;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams events to {@code slipway:logs:<deploymentId>} (contract section 6): one background thread
 * takes what the build logged and sends it in batches, so the build never waits for Redis. A batch
 * is one small Lua script that runs {@code XADD … MAXLEN ~ 100000 * e <event>} for each event and
 * then {@code EXPIRE} (one round trip and one command to encode for thousands of events); where
 * scripting is not allowed, a pipeline of {@code XADD}s does the same.
 *
 * <p>When Redis is unreachable the events wait in memory (up to {@code maxPending}; older ones are
 * dropped past that and counted) and are sent, in order, when it is back. The build never fails
 * because of Redis: the archive has every line, and {@link #undelivered()} says how many did not
 * reach the stream.
 */
public final class RedisLogPublisher implements LogListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLogPublisher.class);
    private static final int BATCH = 2_000;
    private static final int SCRIPT_BATCH = 5_000;
    private static final String SCRIPT =
            "for i = 2, #ARGV do redis.call('XADD', KEYS[1], 'MAXLEN', '~', '"
                    + LogProtocol.MAX_STREAM_LENGTH
                    + "', '*', '"
                    + LogProtocol.EVENT_FIELD
                    + "', ARGV[i]) end "
                    + "redis.call('EXPIRE', KEYS[1], ARGV[1]) return #ARGV - 1";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final RedisClient client;
    private final String key;
    private final int maxPending;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private final Thread thread;
    private final Object lock = new Object();

    private @Nullable StatefulRedisConnection<String, String> connection;
    private boolean scripting = true;
    private @Nullable String scriptSha;
    private volatile boolean closing;
    private volatile boolean down;
    private boolean expirySet;
    private long accepted;
    private long delivered;
    private long dropped;
    private boolean terminalDelivered;
    private boolean reportedDown;

    private record Entry(String json, boolean terminal) {}

    /** Put on the queue by {@link #close}: the sender stops waiting for events at once. */
    private static final Entry WAKE = new Entry("", false);

    public RedisLogPublisher(RedisClient client, DeploymentId deploymentId, int maxPending) {
        this.client = client;
        this.key = LogProtocol.streamKey(deploymentId);
        this.maxPending = maxPending;
        this.thread = DaemonThreads.start("redis-log-publisher", this::run);
    }

    @Override
    public void onEvent(LogEvent event, String json) {
        synchronized (lock) {
            accepted++;
        }
        queue.add(new Entry(json, event.isTerminal()));
    }

    /**
     * Waits up to {@code max} for everything logged so far to reach Redis, or less if Redis is
     * down.
     *
     * @return how many events logged so far have not reached the stream (0 when all did)
     */
    public long awaitDelivered(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (lock) {
                if (delivered + dropped >= accepted && queue.isEmpty()) {
                    return dropped;
                }
                if (down) {
                    break;
                }
                try {
                    lock.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        synchronized (lock) {
            return accepted - delivered;
        }
    }

    /** Events that could not be streamed so far (dropped, or still waiting for Redis). */
    public long undelivered() {
        synchronized (lock) {
            return accepted - delivered;
        }
    }

    /** Whether the terminal event reached the stream. */
    public boolean terminalDelivered() {
        synchronized (lock) {
            return terminalDelivered;
        }
    }

    /**
     * Sends what is left, waiting at most {@code max}, sets the stream to expire 7 days from now
     * and stops. Call after the terminal event.
     */
    public void close(Duration max) {
        closing = true;
        queue.add(WAKE);
        try {
            thread.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            var closing = c.closeAsync();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void run() {
        while (true) {
            try {
                takeInto(pending);
                if (pending.isEmpty()) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                if (!send()) {
                    if (closing) {
                        // Keep trying until close() gives up on us.
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                    }
                    Thread.sleep(RETRY_PAUSE.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Moves queued events into pending, waiting a little when there are none. */
    private void takeInto(ArrayDeque<Entry> into) throws InterruptedException {
        if (queue.isEmpty() && into.isEmpty()) {
            Entry first = queue.poll(50, TimeUnit.MILLISECONDS);
            if (first == null || first == WAKE) {
                return;
            }
            into.add(first);
        }
        List<Entry> batch = new ArrayList<>();
        queue.drainTo(batch);
        batch.removeIf(e -> e == WAKE);
        into.addAll(batch);
        int over = into.size() - maxPending;
        if (over > 0) {
            for (int i = 0; i < over; i++) {
                into.pollFirst();
            }
            synchronized (lock) {
                dropped += over;
            }
        }
    }

    /** Sends one batch from the head of pending; false when Redis did not take it. */
    private boolean send() throws InterruptedException {
        StatefulRedisConnection<String, String> c = connect();
        if (c == null) {
            return false;
        }
        if (scripting) {
            Boolean sent = sendByScript(c);
            if (sent != null) {
                return sent;
            }
        }
        return sendPipelined(c);
    }

    /** One EVALSHA for a batch; null when scripting is not available (then XADDs are used). */
    private @Nullable Boolean sendByScript(StatefulRedisConnection<String, String> c)
            throws InterruptedException {
        RedisAsyncCommands<String, String> async = c.async();
        int n = Math.min(SCRIPT_BATCH, pending.size());
        String[] args = new String[n + 1];
        args[0] = Long.toString(LogProtocol.RETENTION.toSeconds());
        boolean terminal = false;
        java.util.Iterator<Entry> it = pending.iterator();
        for (int i = 1; i <= n; i++) {
            Entry e = it.next();
            args[i] = e.json();
            terminal = e.terminal();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                if (scriptSha == null) {
                    RedisFuture<String> load = async.scriptLoad(SCRIPT);
                    c.flushCommands();
                    scriptSha = load.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
                RedisFuture<Long> run =
                        async.evalsha(
                                scriptSha,
                                io.lettuce.core.ScriptOutputType.INTEGER,
                                new String[] {key},
                                args);
                c.flushCommands();
                run.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String message = String.valueOf(cause == null ? null : cause.getMessage());
                if ((cause instanceof io.lettuce.core.RedisNoScriptException
                                || message.startsWith("NOSCRIPT"))
                        && attempt == 1) {
                    scriptSha =
                            null; // Redis restarted or flushed its scripts: load it again, at once.
                    continue;
                }
                if (cause instanceof io.lettuce.core.RedisCommandExecutionException
                        && (message.contains("unknown command")
                                || message.contains("NOPERM")
                                || message.contains("disabled"))) {
                    LOG.info(
                            "Redis does not allow scripts ({}); streaming with pipelined XADD",
                            message);
                    scripting = false;
                    return null;
                }
                markDown(e);
                return false;
            } catch (TimeoutException e) {
                markDown(e);
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            pending.pollFirst();
        }
        delivered(n, terminal, false);
        expirySet = true;
        return true;
    }

    private boolean sendPipelined(StatefulRedisConnection<String, String> c)
            throws InterruptedException {
        RedisAsyncCommands<String, String> async = c.async();
        XAddArgs args = new XAddArgs().maxlen(LogProtocol.MAX_STREAM_LENGTH).approximateTrimming();
        List<Entry> batch = new ArrayList<>(Math.min(BATCH, pending.size()));
        List<RedisFuture<String>> futures = new ArrayList<>(batch.size());
        for (Entry e : pending) {
            if (batch.size() == BATCH) {
                break;
            }
            batch.add(e);
            futures.add(async.xadd(key, args, LogProtocol.EVENT_FIELD, e.json()));
        }
        boolean terminal = batch.get(batch.size() - 1).terminal();
        RedisFuture<Boolean> expire = null;
        if (!expirySet || terminal) {
            expire = async.expire(key, LogProtocol.RETENTION.toSeconds());
        }
        c.flushCommands();
        int ok = 0;
        boolean failed = false;
        for (RedisFuture<String> f : futures) {
            if (failed) {
                f.cancel(false);
                continue;
            }
            try {
                f.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                ok++;
            } catch (ExecutionException | TimeoutException e) {
                failed = true;
                markDown(e);
            }
        }
        for (int i = 0; i < ok; i++) {
            pending.pollFirst();
        }
        if (expire != null && !failed) {
            try {
                expire.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                expirySet = true;
            } catch (ExecutionException | TimeoutException e) {
                failed = true;
                markDown(e);
            }
        }
        delivered(ok, terminal, failed);
        return !failed;
    }

    private void delivered(int ok, boolean terminal, boolean failed) {
        synchronized (lock) {
            delivered += ok;
            if (terminal && !failed) {
                terminalDelivered = true;
            }
            if (!failed) {
                if (reportedDown) {
                    LOG.info("Redis is reachable again; streaming the log resumes");
                    reportedDown = false;
                }
                down = false;
            }
            lock.notifyAll();
        }
    }

    private @Nullable StatefulRedisConnection<String, String> connect() {
        if (connection != null) {
            return connection;
        }
        try {
            StatefulRedisConnection<String, String> c = client.connect();
            c.setAutoFlushCommands(false);
            connection = c;
            return c;
        } catch (RuntimeException e) {
            markDown(e);
            return null;
        }
    }

    private void markDown(Exception e) {
        synchronized (lock) {
            down = true;
            if (!reportedDown) {
                reportedDown = true;
                LOG.warn(
                        "Cannot stream the log to Redis ({}); the build goes on and the archive keeps every line",
                        e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            }
            lock.notifyAll();
        }
    }
}
