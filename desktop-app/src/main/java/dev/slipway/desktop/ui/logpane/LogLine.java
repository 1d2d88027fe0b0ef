package dev.slipway.desktop.ui.logpane;

import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.desktop.logs.AnsiText;
import java.time.Instant;

/**
 * One line of a build log as the pane keeps it: the text as the tool printed it (ANSI escapes kept;
 * they are rendered, and stripped for search and copy) and when it was printed ({@code ts} may be
 * null).
 */
public record LogLine(long seq, Phase phase, OutputStream stream, String raw, Instant ts) {

    public LogLine(long seq, Phase phase, OutputStream stream, String raw) {
        this(seq, phase, stream, raw, null);
    }

    public static LogLine of(LogEvent event) {
        return new LogLine(event.seq(), event.phase(), event.stream(), event.line(), event.ts());
    }

    /** The text without ANSI escapes. */
    public String plain() {
        return AnsiText.strip(raw);
    }

    public boolean isStderr() {
        return stream == OutputStream.STDERR;
    }

    public boolean isSystem() {
        return stream == OutputStream.SYSTEM;
    }
}
