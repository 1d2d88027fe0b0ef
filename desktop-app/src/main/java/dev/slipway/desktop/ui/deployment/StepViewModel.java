package dev.slipway.desktop.ui.deployment;

import dev.slipway.core.deployment.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One step of the stepper: a status the deployment passes through, and the time it took. */
public final class StepViewModel {

    private final DeploymentStatus status;
    private final String label;
    private final ObjectProperty<StepState> state = new SimpleObjectProperty<>(StepState.PENDING);
    private final StringProperty time = new SimpleStringProperty("");
    private Instant startedAt;

    StepViewModel(DeploymentStatus status, String label) {
        this.status = status;
        this.label = label;
    }

    void start(Instant at) {
        startedAt = at;
        state.set(StepState.ACTIVE);
        time.set("");
    }

    void finish(StepState end, Instant at) {
        state.set(end);
        if (startedAt != null && at != null) {
            time.set(format(Duration.between(startedAt, at)));
        }
    }

    void skip() {
        state.set(StepState.SKIPPED);
        time.set("");
    }

    /** Shows the running time of the active step. */
    void tick(Instant now) {
        if (state.get() == StepState.ACTIVE && startedAt != null) {
            time.set(format(Duration.between(startedAt, now)));
        }
    }

    void reset() {
        startedAt = null;
        state.set(StepState.PENDING);
        time.set("");
    }

    /** {@code 0.4 s}, {@code 12 s}, {@code 2 min 05 s}. */
    static String format(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    public DeploymentStatus status() {
        return status;
    }

    public String label() {
        return label;
    }

    public ObjectProperty<StepState> stateProperty() {
        return state;
    }

    public StepState state() {
        return state.get();
    }

    public StringProperty timeProperty() {
        return time;
    }
}
