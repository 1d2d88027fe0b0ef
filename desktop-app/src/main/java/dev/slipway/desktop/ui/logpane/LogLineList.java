package dev.slipway.desktop.ui.logpane;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The lines the pane shows: a ring buffer of at most {@code capacity} lines as a read-only
 * observable list. {@link #append} adds a batch and drops the oldest lines past the capacity in one
 * change, in time proportional to the batch, never to the list (a plain observable list removes
 * from its head one element at a time, which froze the window at 100,000 lines).
 */
final class LogLineList extends ObservableListBase<LogLine> {

    private final LogLine[] ring;
    private int head;
    private int size;

    LogLineList(int capacity) {
        this.ring = new LogLine[capacity];
    }

    int capacity() {
        return ring.length;
    }

    @Override
    public LogLine get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " of " + size);
        }
        return ring[(head + index) % ring.length];
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Appends {@code batch} (at most {@link #capacity()} lines), dropping as many of the oldest
     * lines as needed.
     *
     * @return how many old lines were dropped
     */
    int append(Collection<LogLine> batch) {
        int incoming = batch.size();
        if (incoming == 0) {
            return 0;
        }
        if (incoming > ring.length) {
            throw new IllegalArgumentException(
                    "A batch of " + incoming + " exceeds the capacity " + ring.length);
        }
        int drop = Math.max(0, size + incoming - ring.length);
        beginChange();
        try {
            if (drop > 0) {
                List<LogLine> removed = new ArrayList<>(drop);
                for (int i = 0; i < drop; i++) {
                    int slot = (head + i) % ring.length;
                    removed.add(ring[slot]);
                    ring[slot] = null;
                }
                head = (head + drop) % ring.length;
                size -= drop;
                nextRemove(0, removed);
            }
            int from = size;
            for (LogLine line : batch) {
                ring[(head + size) % ring.length] = line;
                size++;
            }
            nextAdd(from, size);
        } finally {
            endChange();
        }
        return drop;
    }

    /** Empties the list. */
    void reset() {
        if (size == 0) {
            return;
        }
        List<LogLine> removed = new ArrayList<>(this);
        java.util.Arrays.fill(ring, null);
        head = 0;
        size = 0;
        beginChange();
        try {
            nextRemove(0, removed);
        } finally {
            endChange();
        }
    }
}
