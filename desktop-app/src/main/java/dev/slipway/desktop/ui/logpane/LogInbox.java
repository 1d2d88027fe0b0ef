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

    /** Takes every waiting line, oldest first, and how many were dropped since the last take. */
    public synchronized Batch take() {
        if (waiting.isEmpty() && dropped == 0) {
            return Batch.EMPTY;
        }
        Batch batch = new Batch(waiting, dropped);
        waiting = new ArrayDeque<>();
        dropped = 0;
        return batch;
    }

    public synchronized void clear() {
        waiting = new ArrayDeque<>();
        dropped = 0;
    }

    /** Lines taken in one go. */
    public record Batch(Collection<LogLine> lines, long dropped) {
        static final Batch EMPTY = new Batch(List.of(), 0);

        public boolean isEmpty() {
            return lines.isEmpty() && dropped == 0;
        }
    }
}
