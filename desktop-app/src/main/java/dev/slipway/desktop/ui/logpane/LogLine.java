package dev.slipway.desktop.ui.logpane;

import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;

/**
 * One line of a build log as the pane keeps it: the text as the tool printed it (ANSI escapes kept;
 * they are rendered, and stripped for search and copy).
 */
public record LogLine(long seq, Phase phase, OutputStream stream, String raw) {

    public static LogLine of(LogEvent event) {
        return new LogLine(event.seq(), event.phase(), event.stream(), event.line());
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
