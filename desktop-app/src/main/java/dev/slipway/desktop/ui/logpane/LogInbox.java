package dev.slipway.desktop.ui.logpane;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;

/**
 * Where the log reader's thread leaves lines for the UI thread, which takes them all about ten
 * times a second. Bounded: past {@code capacity} waiting lines the oldest are dropped and counted,
 * so a flood cannot exhaust memory (the pane could not have kept them anyway).
 */
public final class LogInbox {

    private final int capacity;
    private ArrayDeque<LogLine> waiting = new ArrayDeque<>();
    private long dropped;
    private boolean resetPending;

    public LogInbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** Called by the producer thread for each line. */
    public synchronized void offer(LogLine line) {
        if (waiting.size() == capacity) {
            waiting.pollFirst();
            dropped++;
        }
        waiting.addLast(line);
    }

    /**
     * Called by the producer thread with the complete log: the next take empties the pane first and
     * then holds the last {@code capacity} of these lines, the earlier ones counted as dropped.
     */
    public synchronized void replaceAll(List<LogLine> all) {
        int skip = Math.max(0, all.size() - capacity);
        waiting = new ArrayDeque<>(all.subList(skip, all.size()));
        dropped = skip;
        resetPending = true;
    }

    /**
     * Called by the producer thread for lines it will never offer (the stream was trimmed past
     * them): they are counted with the dropped ones, so the pane's marker says how many came
     * before.
     */
    public synchronized void skip(long count) {
        dropped += Math.max(0, count);
    }

    /** Takes every waiting line, oldest first, and how many were dropped since the last take. */
    public synchronized Batch take() {
        if (waiting.isEmpty() && dropped == 0 && !resetPending) {
            return Batch.EMPTY;
        }
        Batch batch = new Batch(waiting, dropped, resetPending);
        waiting = new ArrayDeque<>();
        dropped = 0;
        resetPending = false;
        return batch;
    }

    public synchronized void clear() {
        waiting = new ArrayDeque<>();
        dropped = 0;
        resetPending = false;
    }

    /** Lines taken in one go; {@code reset}: the pane is emptied before they are added. */
    public record Batch(Collection<LogLine> lines, long dropped, boolean reset) {
        static final Batch EMPTY = new Batch(List.of(), 0, false);

        public boolean isEmpty() {
            return lines.isEmpty() && dropped == 0 && !reset;
        }
    }
}
