package dev.slipway.desktop.ui.statusbar;

import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.desktop.doctor.DoctorService;
import dev.slipway.desktop.stack.StackService;
import dev.slipway.desktop.stack.StackStatus;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.banner.UserMessages;
import dev.slipway.desktop.ui.task.TaskRunner;
import java.net.URI;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar: whether the local stack runs (and on which ports), or the AWS identity in use.
 */
public final class StatusBarViewModel {

    private final ConfigStore config;
    private final StackService stack;
    private final DoctorService doctor;
    private final TaskRunner tasks;
    private final BannerViewModel banner;

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("Checking…");
    private final ReadOnlyBooleanWrapper healthy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canStartStack = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper localStackRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper backendReady = new ReadOnlyBooleanWrapper(false);
    private boolean refreshing;
    private static final long AWS_RECHECK_NANOS = 60_000_000_000L;
    private AwsSettings awsChecked;
    private long awsCheckedAt;
    private State awsState;

    public StatusBarViewModel(
            ConfigStore config,
            StackService stack,
            DoctorService doctor,
            TaskRunner tasks,
            BannerViewModel banner) {
        this.config = config;
        this.stack = stack;
        this.doctor = doctor;
        this.tasks = tasks;
        this.banner = banner;
    }

    /** Reads the mode and asks the stack or AWS how things are (at most one check at a time). */
    public void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        tasks.run(
                "status",
                this::describe,
                state -> {
                    refreshing = false;
                    apply(state);
                },
                error -> {
                    refreshing = false;
                    apply(new State(UserMessages.sentence(error), false, false, false, false));
                });
    }

    private State describe() {
        SlipwayConfig c = config.load();
        if (c.mode() == Mode.AWS) {
            // One STS call a minute at most, and again when the AWS settings change.
            synchronized (this) {
                if (c.aws().equals(awsChecked)
                        && System.nanoTime() - awsCheckedAt < AWS_RECHECK_NANOS) {
                    return awsState;
                }
            }
            String where = "AWS " + c.aws().region() + " · profile " + c.aws().profile();
            State state =
                    doctor.awsIdentity(c)
                            .map(arn -> new State(where + " · " + arn, true, false, true, false))
                            .orElse(
                                    new State(
                                            where
                                                    + " · no credentials found (run 'aws configure' or check the profile)",
                                            false,
                                            false,
                                            true,
                                            false));
            synchronized (this) {
                awsChecked = c.aws();
                awsCheckedAt = System.nanoTime();
                awsState = state;
            }
            return state;
        }
        return local(stack.status(), c);
    }

    static State local(StackStatus s, SlipwayConfig c) {
        if (!s.running()) {
            return new State(
                    "Local stack stopped · it starts with the first deploy",
                    false,
                    true,
                    false,
                    false);
        }
        return new State(
                "Local stack running · proxy :"
                        + s.proxyPort()
                        + " · S3 :"
                        + port(s.s3Endpoint())
                        + " · Redis :"
                        + port(s.redisUrl())
                        + " · sites at "
                        + c.siteUrl("<project>"),
                true,
                false,
                true,
                true);
    }

    private static String port(String url) {
        if (url == null) {
            return "?";
        }
        try {
            int p = URI.create(url).getPort();
            return p > 0 ? String.valueOf(p) : "?";
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    private void apply(State s) {
        text.set(s.text);
        healthy.set(s.healthy);
        canStartStack.set(s.canStart);
        localStackRunning.set(s.localRunning);
        backendReady.set(s.backendReady);
    }

    /** Whether the local stack runs now (false in AWS mode). */
    public ReadOnlyBooleanProperty localStackRunningProperty() {
        return localStackRunning.getReadOnlyProperty();
    }

    /**
     * Whether projects can be listed without starting anything: AWS mode, or a running local stack.
     * The app does not start the stack just to list projects.
     */
    public ReadOnlyBooleanProperty backendReadyProperty() {
        return backendReady.getReadOnlyProperty();
    }

    /** Starts the local stack in the background. */
    public void startStack() {
        if (starting.get()) {
            return;
        }
        starting.set(true);
        text.set("Starting the local stack (S3, Redis and the proxy; about 15 s the first time)…");
        tasks.run(
                "start local stack",
                stack::ensureRunning,
                status -> {
                    starting.set(false);
                    apply(local(status, config.load()));
                },
                error -> {
                    starting.set(false);
                    banner.showError("Starting the local stack", error);
                    refresh();
                });
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty healthyProperty() {
        return healthy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartStackProperty() {
        return canStartStack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startingProperty() {
        return starting.getReadOnlyProperty();
    }

    record State(
            String text,
            boolean healthy,
            boolean canStart,
            boolean backendReady,
            boolean localRunning) {}
}
