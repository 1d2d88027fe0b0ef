package dev.slipway.desktop.ui.logpane;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The state behind the live log pane. A producer thread {@link #offer}s lines; the UI thread calls
 * {@link #drain} on a timer (about 10 times a second), which moves every waiting line into {@link
 * #lines()} at once. At most {@code maxLines} lines are kept: older ones leave the top and are
 * counted in {@link #hiddenLinesProperty()}, so memory stays bounded whatever the log's length.
 *
 * <p>Follow-tail: while {@link #followTailProperty()} is true the view keeps the last line in
 * sight. Scrolling away from the bottom pauses it; reaching the bottom again resumes it.
 */
public final class LogPaneViewModel {

    /** The default number of lines kept: as many as a Redis log stream holds. */
    public static final int DEFAULT_MAX_LINES = 100_000;

    private final int maxLines;
    private final LogInbox inbox;
    private final LogLineList lines;
    private final ReadOnlyLongWrapper hiddenLines = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper totalLines = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper missingLines = new ReadOnlyLongWrapper(0);
    private final ReadOnlyStringWrapper archivedMarker = new ReadOnlyStringWrapper("");
    private final BooleanProperty showTimestamps = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper lineCountText = new ReadOnlyStringWrapper("0 lines");
    private final BooleanProperty followTail = new SimpleBooleanProperty(true);
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper searchStatus = new ReadOnlyStringWrapper("");

    /** The line the view should select and show; -1 for none. */
    private final IntegerProperty focusedIndex = new SimpleIntegerProperty(-1);

    /**
     * Bumped on every request to reveal {@link #focusedIndex}, so the same index can be asked
     * twice.
     */
    private final LongProperty revealRequests = new SimpleLongProperty(0);

    public LogPaneViewModel() {
        this(DEFAULT_MAX_LINES);
    }

    public LogPaneViewModel(int maxLines) {
        this.maxLines = maxLines;
        this.inbox = new LogInbox(maxLines);
        this.lines = new LogLineList(maxLines);
        searchText.addListener((obs, old, now) -> searchStatus.set(""));
        hiddenLines.addListener(
                (obs, old, now) ->
                        archivedMarker.set(
                                now.longValue() == 0
                                        ? ""
                                        : String.format(
                                                Locale.ROOT,
                                                "%,d earlier %s not shown here; they are in the"
                                                        + " archived log (Download log).",
                                                now.longValue(),
                                                now.longValue() == 1 ? "line is" : "lines are")));
    }

    /** Any thread: queues a line for the next {@link #drain}. */
    public void offer(LogLine line) {
        inbox.offer(line);
    }

    /**
     * UI thread: moves the waiting lines into {@link #lines()}, dropping the oldest past the cap.
     *
     * @return whether anything changed
     */
    public boolean drain() {
        LogInbox.Batch batch = inbox.take();
        if (batch.isEmpty()) {
            return false;
        }
        if (batch.reset()) {
            lines.reset();
            hiddenLines.set(0);
            totalLines.set(0);
            focusedIndex.set(-1);
        }
        long lost = batch.dropped();
        int removed = lines.append(batch.lines());
        if (removed > 0) {
            lost += removed;
            shiftFocus(removed);
        }
        hiddenLines.set(hiddenLines.get() + lost);
        totalLines.set(totalLines.get() + batch.dropped() + batch.lines().size());
        lineCountText.set(countText());
        return true;
    }

    private void shiftFocus(int removed) {
        int f = focusedIndex.get();
        if (f >= 0) {
            focusedIndex.set(Math.max(-1, f - removed));
        }
    }

    private String countText() {
        long total = totalLines.get();
        String count = String.format(Locale.ROOT, "%,d %s", total, total == 1 ? "line" : "lines");
        long gap = missingLines.get();
        return gap == 0
                ? count
                : count
                        + String.format(
                                Locale.ROOT, " · %,d missing, fetched from the archive", gap);
    }

    /** Any thread: the complete log, replacing what the pane holds at the next drain. */
    public void replaceAll(List<LogLine> all) {
        inbox.replaceAll(all);
    }

    /**
     * Any thread: {@code count} earlier lines that will not come (the stream no longer holds them;
     * the archive does), counted in the marker at the top at the next drain.
     */
    public void skipEarlier(long count) {
        inbox.skip(count);
    }

    /** UI thread: how many lines are known to be missing (a hole being filled). */
    public void setMissingLines(long n) {
        missingLines.set(n);
        lineCountText.set(countText());
    }

    /** The marker at the top when earlier lines are not kept; empty otherwise. */
    public ReadOnlyStringProperty archivedMarkerProperty() {
        return archivedMarker.getReadOnlyProperty();
    }

    public BooleanProperty showTimestampsProperty() {
        return showTimestamps;
    }

    /** Empties the pane for another deployment's log. */
    public void clear() {
        inbox.clear();
        lines.reset();
        hiddenLines.set(0);
        totalLines.set(0);
        missingLines.set(0);
        lineCountText.set(countText());
        followTail.set(true);
        focusedIndex.set(-1);
        searchStatus.set("");
    }

    /** The view reports where the user scrolled to: away from the bottom pauses follow-tail. */
    public void userScrolled(boolean atBottom) {
        followTail.set(atBottom);
    }

    /** Jumps to the newest line and follows again. */
    public void scrollToEnd() {
        followTail.set(true);
        if (!lines.isEmpty()) {
            reveal(lines.size() - 1);
        }
    }

    /** Selects the next line containing the search text (case-insensitive), wrapping around. */
    public void findNext() {
        find(+1);
    }

    public void findPrevious() {
        find(-1);
    }

    private void find(int direction) {
        String needle = searchText.get() == null ? "" : searchText.get().toLowerCase(Locale.ROOT);
        if (needle.isEmpty() || lines.isEmpty()) {
            searchStatus.set("");
            return;
        }
        int n = lines.size();
        int start = focusedIndex.get() < 0 ? (direction > 0 ? -1 : n) : focusedIndex.get();
        for (int step = 1; step <= n; step++) {
            int i = Math.floorMod(start + direction * step, n);
            if (lines.get(i).plain().toLowerCase(Locale.ROOT).contains(needle)) {
                followTail.set(false);
                searchStatus.set(String.format(Locale.ROOT, "line %,d", hiddenLines.get() + i + 1));
                reveal(i);
                return;
            }
        }
        searchStatus.set("No match");
    }

    /**
     * The first line that reports an error: a stderr line saying "error" (npm's "ERR!" too), else a
     * stdout line saying it that is not a command's echo ({@code > echo error}), else the first
     * stderr line, else the last line; -1 when empty.
     */
    public int firstErrorIndex() {
        int firstStderr = -1;
        int firstOther = -1;
        for (int i = 0; i < lines.size(); i++) {
            LogLine line = lines.get(i);
            if (line.isSystem()) {
                continue;
            }
            String text = line.plain();
            boolean error = looksLikeError(text);
            if (line.isStderr()) {
                if (error) {
                    return i;
                }
                if (firstStderr < 0) {
                    firstStderr = i;
                }
            } else if (error && firstOther < 0 && !isCommandEcho(text)) {
                firstOther = i;
            }
        }
        if (firstOther >= 0) {
            return firstOther;
        }
        return firstStderr >= 0 ? firstStderr : lines.size() - 1;
    }

    /** A line where a tool shows the command it runs ({@code > node build.js}, {@code $ …}). */
    private static boolean isCommandEcho(String text) {
        String t = text.stripLeading();
        return t.startsWith("> ") || t.startsWith("$ ") || t.startsWith("+ ");
    }

    private static boolean looksLikeError(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("error") || text.contains("ERR!") || lower.startsWith("fatal");
    }

    /** Pauses follow-tail and shows the first error line. */
    public void revealFirstError() {
        int i = firstErrorIndex();
        if (i >= 0) {
            followTail.set(false);
            reveal(i);
        }
    }

    private void reveal(int index) {
        focusedIndex.set(index);
        revealRequests.set(revealRequests.get() + 1);
    }

    /** The user selected a line in the view. */
    public void select(int index) {
        focusedIndex.set(index);
    }

    /** The given lines' text without escapes, one per line, for the clipboard. */
    public String textOf(List<Integer> indices) {
        List<Integer> sorted = new ArrayList<>(indices);
        sorted.sort(null);
        StringBuilder out = new StringBuilder();
        for (int i : sorted) {
            if (i >= 0 && i < lines.size()) {
                out.append(lines.get(i).plain()).append('\n');
            }
        }
        return out.toString();
    }

    /** Every kept line's text with its time, for Download log when no archive can be read. */
    public List<LogLine> keptLines() {
        return List.copyOf(lines);
    }

    /** Every kept line's text, for Copy all. */
    public String allText() {
        StringBuilder out = new StringBuilder(lines.size() * 64);
        for (LogLine line : lines) {
            out.append(line.plain()).append('\n');
        }
        return out.toString();
    }

    public int maxLines() {
        return maxLines;
    }

    public ObservableList<LogLine> lines() {
        return lines;
    }

    /** The number of the first kept line minus one: lines dropped from the top. */
    public ReadOnlyLongProperty hiddenLinesProperty() {
        return hiddenLines.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalLinesProperty() {
        return totalLines.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lineCountTextProperty() {
        return lineCountText.getReadOnlyProperty();
    }

    public BooleanProperty followTailProperty() {
        return followTail;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ReadOnlyStringProperty searchStatusProperty() {
        return searchStatus.getReadOnlyProperty();
    }

    public IntegerProperty focusedIndexProperty() {
        return focusedIndex;
    }

    public LongProperty revealRequestsProperty() {
        return revealRequests;
    }
}
