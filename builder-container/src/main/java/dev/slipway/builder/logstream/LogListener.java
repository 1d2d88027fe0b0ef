package dev.slipway.builder.logstream;

import dev.slipway.core.log.LogEvent;

/** Receives every event of a build, in order, with its JSON already made. */
public interface LogListener {

    /**
     * Takes one event. Called under the log's lock, so it must be quick: hand slow work to a
     * thread. Must not throw; a listener that fails records it and says so when closed.
     */
    void onEvent(LogEvent event, String json);
}
