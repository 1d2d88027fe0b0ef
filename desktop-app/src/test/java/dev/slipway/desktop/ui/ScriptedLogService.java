package dev.slipway.desktop.ui;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogEvent;
import dev.slipway.desktop.logs.LogService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A log service whose events the test pushes by hand, as the real reader's thread would: it only
 * calls the consumers it was given. Closing stops delivery.
 */
public final class ScriptedLogService implements LogService {
    public final List<DeploymentId> followed = new ArrayList<>();
    private Consumer<LogEvent> onEvent;
    private Runnable onEnd;
    private Consumer<Throwable> onError;
    private boolean closed;
    private final List<LogEvent> pushed = new ArrayList<>();

    @Override
    public LogSubscription follow(
            DeploymentId id,
            Consumer<LogEvent> onEvent,
            Runnable onEnd,
            Consumer<Throwable> onError) {
        followed.add(id);
        this.onEvent = onEvent;
        this.onEnd = onEnd;
        this.onError = onError;
        this.closed = false;
        return () -> closed = true;
    }

    /** Every event pushed so far, as the real service reads a log without following it. */
    @Override
    public List<LogEvent> read(DeploymentId id) {
        return List.copyOf(pushed);
    }

    public void push(LogEvent event) {
        pushed.add(event);
        if (!closed) {
            onEvent.accept(event);
            if (event.isTerminal()) {
                onEnd.run();
            }
        }
    }

    public void fail(Throwable error) {
        if (!closed) {
            onError.accept(error);
        }
    }

    public boolean closed() {
        return closed;
    }
}
