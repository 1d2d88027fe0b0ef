package dev.slipway.desktop.logstream;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.logging.DaemonThreads;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The Redis side of the log protocol (contract section 6): appending a launcher's events, reading a
 * stream by id, and publishing a changed project. Failures become a {@link SlipwayException} naming
 * the Redis server (never its password).
 */
public final class LogStreams implements AutoCloseable {

    /** One stream entry: its Redis id and the event it holds. */
    public record Entry(String id, LogEvent event) {}

    private final RedisClient client;
    private final String where;
    private final String hint;
    private StatefulRedisConnection<String, String> shared;
    private CompletableFuture<StatefulRedisConnection<String, String>> ahead;
    private volatile boolean closing;

    /**
     * @param redisUrl {@code redis://…} or {@code rediss://…}
     * @param hint what to do when Redis cannot be reached
     */
    public LogStreams(String redisUrl, String hint) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(Duration.ofSeconds(10));
        this.client = RedisClient.create(uri);
        this.client.setOptions(
                ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(10)))
                        .build());
        this.where = "Redis at " + uri.getHost() + ":" + uri.getPort();
        this.hint = hint;
    }

    public String where() {
        return where;
    }

    /** Appends one event to the deployment's stream; a terminal event starts its expiry. */
    public void append(DeploymentId id, LogEvent event) {
        call(
                "write the log of " + id,
                r -> {
                    String key = LogProtocol.streamKey(id);
                    r.xadd(
                            key,
                            XAddArgs.Builder.maxlen(LogProtocol.MAX_STREAM_LENGTH)
                                    .approximateTrimming(),
                            Map.of(LogProtocol.EVENT_FIELD, event.toJson()));
                    if (event.isTerminal()) {
                        r.expire(key, LogProtocol.RETENTION);
                    }
                    return null;
                });
    }

    /**
     * Appends a terminal event only if the stream exists and does not end with one already, as one
     * Redis script (atomic): two reconcilers, or a reconciler and a launcher, never both end a
     * stream.
     *
     * @return true when this call wrote the terminal event
     */
    public boolean appendTerminalIfNone(DeploymentId id, LogEvent event) {
        if (!event.isTerminal()) {
            throw new IllegalArgumentException("Not a terminal event: " + event);
        }
        return call(
                "end the log of " + id,
                r -> {
                    Long wrote =
                            r.eval(
                                    END_IF_OPEN,
                                    io.lettuce.core.ScriptOutputType.INTEGER,
                                    new String[] {LogProtocol.streamKey(id)},
                                    event.toJson(),
                                    String.valueOf(LogProtocol.MAX_STREAM_LENGTH),
                                    String.valueOf(LogProtocol.RETENTION.toSeconds()));
                    return wrote != null && wrote == 1L;
                });
    }

    /**
     * KEYS[1] the stream; ARGV[1] the event, ARGV[2] MAXLEN, ARGV[3] expiry seconds. Returns 1 when
     * it appended, 0 when the last event is terminal already, -1 when there is no stream.
     */
    private static final String END_IF_OPEN =
            """
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            if last[1] then
              local fields = last[1][2]
              for i = 1, #fields, 2 do
                if fields[i] == 'e' then
                  local ok, ev = pcall(cjson.decode, fields[i + 1])
                  if ok and ev.type == 'status' and (ev.status == 'READY'
                      or ev.status == 'FAILED' or ev.status == 'CANCELED') then
                    return 0
                  end
                end
              end
            end
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'e', ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            return 1
            """;

    /**
     * Notes {@code value} under {@code key} for {@code window} unless something is noted there
     * already ({@code SET NX EX}, atomic across processes).
     *
     * @return what was noted there before, when the note was refused
     */
    public java.util.Optional<String> noteIfAbsent(String key, String value, Duration window) {
        return call(
                "note a deploy",
                r -> {
                    String ok =
                            r.set(
                                    key,
                                    value,
                                    io.lettuce.core.SetArgs.Builder.nx()
                                            .px(Math.max(1, window.toMillis())));
                    if ("OK".equals(ok)) {
                        return java.util.Optional.<String>empty();
                    }
                    return java.util.Optional.ofNullable(r.get(key));
                });
    }

    /** Notes {@code value} under {@code key} for {@code window}, replacing what was there. */
    public void note(String key, String value, Duration window) {
        call(
                "note a deploy",
                r ->
                        r.set(
                                key,
                                value,
                                io.lettuce.core.SetArgs.Builder.px(
                                        Math.max(1, window.toMillis()))));
    }

    /** What is noted under {@code key}, if anything. */
    public java.util.Optional<String> noted(String key) {
        return call("read a deploy note", r -> java.util.Optional.ofNullable(r.get(key)));
    }

    /** Removes the note under {@code key}. */
    public void forget(String key) {
        call("remove a deploy note", r -> r.del(key));
    }

    public boolean exists(DeploymentId id) {
        return call("read the log of " + id, r -> r.exists(LogProtocol.streamKey(id)) > 0);
    }

    /** Every event now in the stream, in order. */
    public List<Entry> all(DeploymentId id) {
        return call(
                "read the log of " + id,
                r -> toEntries(r.xrange(LogProtocol.streamKey(id), Range.create("-", "+"))));
    }

    /**
     * Up to {@code count} entries after the Redis id {@code afterId} ({@code "-"} for the first),
     * oldest first.
     */
    public List<Entry> after(DeploymentId id, String afterId, int count) {
        String from = "-".equals(afterId) ? "-" : "(" + afterId;
        return call(
                "read the log of " + id,
                r ->
                        toEntries(
                                r.xrange(
                                        LogProtocol.streamKey(id),
                                        Range.create(from, "+"),
                                        io.lettuce.core.Limit.create(0, count))));
    }

    /**
     * Whether the stream has ended: its last event is terminal (nothing but another terminal event
     * is ever written after one). Reads one entry, however long the log.
     */
    public boolean hasTerminal(DeploymentId id) {
        return call(
                "read the log of " + id,
                r ->
                        toEntries(
                                        r.xrevrange(
                                                LogProtocol.streamKey(id),
                                                Range.create("-", "+"),
                                                io.lettuce.core.Limit.create(0, 1)))
                                .stream()
                                .anyMatch(e -> e.event().isTerminal()));
    }

    /**
     * How many of a stream's last events are searched for its terminal event. Every writer puts it
     * last: the builder ends with it, and a launcher or reconciler appends one only when the last
     * event is not terminal ({@link #appendTerminalIfNone}), so the terminal events of a stream are
     * among its last few.
     */
    static final int TERMINAL_WINDOW = 64;

    /**
     * The stream's first terminal event among its last {@link #TERMINAL_WINDOW} events (one
     * request, however long the log: a 100,000-line build's stream is not read whole); empty when
     * there is no stream or it has not ended.
     */
    public java.util.Optional<LogEvent> terminal(DeploymentId id) {
        return call(
                "read the log of " + id,
                r -> {
                    LogEvent first = null;
                    // Newest first: the last terminal event met is the stream's first one.
                    for (Entry e :
                            toEntries(
                                    r.xrevrange(
                                            LogProtocol.streamKey(id),
                                            Range.create("-", "+"),
                                            io.lettuce.core.Limit.create(0, TERMINAL_WINDOW)))) {
                        if (e.event().isTerminal()) {
                            first = e.event();
                        }
                    }
                    return java.util.Optional.ofNullable(first);
                });
    }

    /** The highest {@code seq} written so far, or 0. */
    public long lastSeq(DeploymentId id) {
        return all(id).stream().mapToLong(e -> e.event().seq()).max().orElse(0);
    }

    /** Deletes a deployment's stream (when its project is removed). */
    public void delete(DeploymentId id) {
        call("delete the log of " + id, r -> r.del(LogProtocol.streamKey(id)));
    }

    /** Tells proxies that a project's record changed, so they drop their cached live pointer. */
    public void publishProject(String slug) {
        call("announce the change of " + slug, r -> r.publish(LogProtocol.PROJECTS_CHANNEL, slug));
    }

    /** Checks that Redis answers. */
    public void ping() {
        call("reach Redis", RedisCommands::ping);
    }

    /**
     * Starts opening the shared connection on another thread, so what the caller does next (making
     * the S3 client, reading the bucket) overlaps Lettuce's set-up and the connect: a quarter of a
     * second of every deploy (docs/benchmarks/deploy.md). The first command waits for it and
     * reports its failure; there is no second attempt.
     */
    public synchronized void connectAhead() {
        if (shared != null || ahead != null) {
            return;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> connecting =
                new CompletableFuture<>();
        ahead = connecting;
        DaemonThreads.start(
                "slipway-redis-connect",
                () -> {
                    try {
                        StatefulRedisConnection<String, String> opened = client.connect();
                        connecting.complete(opened);
                        if (closing) {
                            opened.close();
                        }
                    } catch (Throwable e) {
                        // Errors too: a future never completed would block every command.
                        connecting.completeExceptionally(e);
                    }
                });
    }

    /** The connection {@link #connectAhead} opened, waited for; null when none was started. */
    private StatefulRedisConnection<String, String> takeAhead() {
        if (ahead == null) {
            return null;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> connecting = ahead;
        ahead = null;
        try {
            return connecting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RedisException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** A dedicated connection for a blocking reader, which the reader closes. */
    public StatefulRedisConnection<String, String> connectForReading() {
        return client.connect();
    }

    /**
     * Reads the entries after {@code afterId}, waiting up to {@code block} for the first. Throws
     * the raw {@link RedisException} so a follower can reconnect.
     */
    public static List<Entry> readAfter(
            StatefulRedisConnection<String, String> connection,
            DeploymentId id,
            String afterId,
            Duration block) {
        List<StreamMessage<String, String>> messages =
                connection
                        .sync()
                        .xread(
                                XReadArgs.Builder.block(block).count(READ_COUNT),
                                XReadArgs.StreamOffset.from(LogProtocol.streamKey(id), afterId));
        return messages == null ? List.of() : toEntries(messages);
    }

    /**
     * Entries per {@code XREAD}: a reader behind a build writing 100,000 lines a second catches up
     * in few round trips.
     */
    public static final int READ_COUNT = 2_000;

    /**
     * The stream's last {@code count} entries, oldest first, when the stream has ended (its last
     * event is terminal); empty while the build goes on or when there is no stream. One request
     * while it goes on, two when it has ended.
     */
    public static List<Entry> endedTail(
            StatefulRedisConnection<String, String> connection, DeploymentId id, int count) {
        List<Entry> last = newestFirst(connection, id, 1);
        if (last.isEmpty() || !last.get(0).event().isTerminal()) {
            return List.of();
        }
        List<Entry> tail = new ArrayList<>(newestFirst(connection, id, count));
        java.util.Collections.reverse(tail);
        return tail;
    }

    private static List<Entry> newestFirst(
            StatefulRedisConnection<String, String> connection, DeploymentId id, int count) {
        return toEntries(
                connection
                        .sync()
                        .xrevrange(
                                LogProtocol.streamKey(id),
                                Range.create("-", "+"),
                                io.lettuce.core.Limit.create(0, count)));
    }

    private static List<Entry> toEntries(List<StreamMessage<String, String>> messages) {
        List<Entry> out = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> m : messages) {
            String json = m.getBody().get(LogProtocol.EVENT_FIELD);
            if (json != null) {
                out.add(new Entry(m.getId(), LogEvent.fromJson(json)));
            }
        }
        return out;
    }

    public SlipwayException unreachable(String action, RuntimeException e) {
        return SlipwayException.infrastructure(
                "Cannot "
                        + action
                        + ": "
                        + where
                        + " does not answer ("
                        + rootMessage(e)
                        + "); "
                        + hint
                        + ".",
                e);
    }

    private synchronized <T> T call(
            String action, Function<RedisCommands<String, String>, T> body) {
        try {
            if (shared == null || !shared.isOpen()) {
                StatefulRedisConnection<String, String> opened = takeAhead();
                shared = opened != null ? opened : client.connect();
            }
            return body.apply(shared.sync());
        } catch (RedisException e) {
            throw unreachable(action, e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public synchronized void close() {
        closing = true;
        if (ahead != null) {
            // One still being made is closed by its thread, which sees closing.
            if (ahead.isDone() && !ahead.isCompletedExceptionally()) {
                ahead.join().close();
            }
            ahead = null;
        }
        if (shared != null) {
            shared.close();
            shared = null;
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
