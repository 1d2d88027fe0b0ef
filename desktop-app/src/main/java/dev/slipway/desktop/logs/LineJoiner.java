package dev.slipway.desktop.logs;

import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Joins the pieces of a line longer than 1 MiB (contract section 6: every piece but the last
 * carries {@code "cont":true}) back into one line event, per phase and stream, since stdout and
 * stderr pieces interleave. The joined event has the last piece's {@code seq} and time. Not
 * thread-safe: one per reader.
 */
public final class LineJoiner {

    private record Key(Phase phase, OutputStream stream) {}

    private final Map<Key, StringBuilder> open = new HashMap<>();

    /** The event to hand on now: a whole line, any other event, or nothing while a line is open. */
    public Optional<LogEvent> offer(LogEvent e) {
        if (!e.isLine() || e.phase() == null || e.stream() == null) {
            return Optional.of(e);
        }
        Key key = new Key(e.phase(), e.stream());
        if (e.cont()) {
            open.computeIfAbsent(key, k -> new StringBuilder()).append(e.line());
            return Optional.empty();
        }
        StringBuilder started = open.remove(key);
        if (started == null) {
            return Optional.of(e);
        }
        return Optional.of(
                LogEvent.line(
                        e.seq(),
                        e.ts(),
                        e.phase(),
                        e.stream(),
                        started.append(e.line()).toString()));
    }

    /** A whole log with its split lines joined. */
    public static List<LogEvent> joinAll(List<LogEvent> events) {
        LineJoiner joiner = new LineJoiner();
        List<LogEvent> out = new ArrayList<>(events.size());
        for (LogEvent e : events) {
            joiner.offer(e).ifPresent(out::add);
        }
        return out;
    }
}
