package dev.slipway.desktop.ui.deployment;

import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.logs.LogService;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.banner.UserMessages;
import dev.slipway.desktop.ui.browser.Browser;
import dev.slipway.desktop.ui.logpane.LogLine;
import dev.slipway.desktop.ui.logpane.LogPaneViewModel;
import dev.slipway.desktop.ui.task.TaskRunner;
import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One deployment being watched: its log (through {@link LogPaneViewModel}), the stepper built from
 * its status events, Cancel while it runs, and the outcome (the live URL, or the reason it failed).
 *
 * <p>The log reader's thread only queues; {@link #drain} applies everything on the UI thread.
 */
public final class DeploymentViewModel {

    private final LogService logs;
    private final DeployService deployer;
    private final TaskRunner tasks;
    private final Browser browser;
    private final BannerViewModel banner;
    private final Clock clock;
    private final LogPaneViewModel logPane;

    private final List<StepViewModel> steps =
            List.of(
                    new StepViewModel(DeploymentStatus.QUEUED, "Queued"),
                    new StepViewModel(DeploymentStatus.STARTING, "Starting"),
                    new StepViewModel(DeploymentStatus.CLONING, "Cloning"),
                    new StepViewModel(DeploymentStatus.INSTALLING, "Installing"),
                    new StepViewModel(DeploymentStatus.BUILDING, "Building"),
                    new StepViewModel(DeploymentStatus.UPLOADING, "Uploading"),
                    new StepViewModel(DeploymentStatus.READY, "Live"));

    private final ReadOnlyObjectWrapper<DeploymentHandle> handle = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<DeploymentStatus> status = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper siteUrl = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper failureReason = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No deployment yet");
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canceling = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding running;
    private final BooleanBinding live;
    private final BooleanBinding failed;

    private final Queue<Signal> signals = new ConcurrentLinkedQueue<>();
    private LogService.LogSubscription subscription;
    private volatile int generation;

    public DeploymentViewModel(
            LogService logs,
            DeployService deployer,
            TaskRunner tasks,
            Browser browser,
            BannerViewModel banner,
            Clock clock,
            LogPaneViewModel logPane) {
        this.logs = logs;
        this.deployer = deployer;
        this.tasks = tasks;
        this.browser = browser;
        this.banner = banner;
        this.clock = clock;
        this.logPane = logPane;
        this.running =
                Bindings.createBooleanBinding(
                        () ->
                                handle.get() != null
                                        && (status.get() == null || !status.get().isTerminal()),
                        handle,
                        status);
        this.live = status.isEqualTo(DeploymentStatus.READY);
        this.failed =
                status.isEqualTo(DeploymentStatus.FAILED)
                        .or(status.isEqualTo(DeploymentStatus.CANCELED));
    }

    /** Starts watching a deployment: its log from the first line, then live. */
    public void watch(DeploymentHandle deployment) {
        stop();
        int gen = ++generation;
        handle.set(deployment);
        status.set(null);
        failureReason.set(null);
        siteUrl.set(null);
        canceling.set(false);
        steps.forEach(StepViewModel::reset);
        logPane.clear();
        title.set(deployment.project().value() + " · " + deployment.id().value());
        following.set(true);
        subscription =
                logs.follow(
                        deployment.id(),
                        event -> {
                            if (event.isLine()) {
                                if (gen == generation) {
                                    logPane.offer(LogLine.of(event));
                                }
                            } else {
                                signals.add(new Signal(gen, event, false, null));
                            }
                        },
                        () -> signals.add(new Signal(gen, null, true, null)),
                        error -> signals.add(new Signal(gen, null, false, error)));
    }

    /** Stops following the current log (the deployment itself goes on). */
    public void stop() {
        generation++;
        following.set(false);
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        signals.clear();
    }

    /** UI thread, about 10 times a second: applies the queued lines and status changes. */
    public void drain() {
        logPane.drain();
        Signal s;
        while ((s = signals.poll()) != null) {
            if (s.generation != generation) {
                continue;
            }
            if (s.event != null) {
                apply(s.event);
            } else if (s.ended) {
                following.set(false);
            } else if (s.error != null) {
                following.set(false);
                banner.showError("Following the log of " + title.get(), s.error);
            }
        }
        steps.forEach(step -> step.tick(clock.instant()));
    }

    /** Applies one status event to the stepper and the outcome. */
    void apply(LogEvent event) {
        DeploymentStatus next = event.status();
        int target = indexOf(next);
        int active = activeIndex();
        switch (next) {
            case READY -> {
                finishActive(StepState.DONE, event);
                skipPendingBefore(target);
                steps.get(target).finish(StepState.DONE, null);
                if (event.url() != null) {
                    siteUrl.set(event.url());
                } else if (handle.get() != null) {
                    siteUrl.set(handle.get().siteUrl());
                }
            }
            case FAILED, CANCELED -> {
                if (active >= 0) {
                    finishActive(
                            next == DeploymentStatus.FAILED ? StepState.FAILED : StepState.CANCELED,
                            event);
                }
                failureReason.set(reasonOf(event));
                if (next == DeploymentStatus.FAILED) {
                    logPane.revealFirstError();
                }
            }
            default -> {
                if (active == target) {
                    break;
                }
                finishActive(StepState.DONE, event);
                skipPendingBefore(target);
                steps.get(target).start(event.ts());
            }
        }
        status.set(next);
    }

    private static String reasonOf(LogEvent event) {
        if (event.error() != null && !event.error().isBlank()) {
            return event.error();
        }
        return event.status() == DeploymentStatus.CANCELED
                ? "The deployment was canceled."
                : "The build failed; the log shows why.";
    }

    private void finishActive(StepState end, LogEvent event) {
        int active = activeIndex();
        if (active >= 0) {
            steps.get(active).finish(end, event.ts());
        }
    }

    private void skipPendingBefore(int target) {
        for (int i = 0; i < target; i++) {
            if (steps.get(i).state() == StepState.PENDING) {
                steps.get(i).skip();
            }
        }
    }

    private int activeIndex() {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).state() == StepState.ACTIVE) {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(DeploymentStatus s) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).status() == s) {
                return i;
            }
        }
        return -1;
    }

    /** Stops the running build. */
    public void cancel() {
        DeploymentHandle h = handle.get();
        if (h == null || !running.get() || canceling.get()) {
            return;
        }
        canceling.set(true);
        tasks.run(
                "cancel " + h.id(),
                () -> deployer.cancel(h.id()),
                () -> {},
                error -> {
                    canceling.set(false);
                    banner.showError("Canceling " + h.id(), error);
                });
    }

    /** Opens the live site in the browser. */
    public void openInBrowser() {
        String url = siteUrl.get();
        if (url == null) {
            return;
        }
        try {
            browser.open(url);
        } catch (RuntimeException e) {
            banner.showError(
                    "Could not open a browser ("
                            + UserMessages.sentence(e)
                            + "). Copy the URL instead: "
                            + url);
        }
    }

    public List<StepViewModel> steps() {
        return steps;
    }

    public LogPaneViewModel logPane() {
        return logPane;
    }

    public ReadOnlyObjectProperty<DeploymentHandle> handleProperty() {
        return handle.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DeploymentStatus> statusProperty() {
        return status;
    }

    public DeploymentStatus status() {
        return status.get();
    }

    public ReadOnlyStringProperty siteUrlProperty() {
        return siteUrl.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty failureReasonProperty() {
        return failureReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty followingProperty() {
        return following.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancelingProperty() {
        return canceling.getReadOnlyProperty();
    }

    public BooleanBinding runningProperty() {
        return running;
    }

    public BooleanBinding liveProperty() {
        return live;
    }

    public BooleanBinding failedProperty() {
        return failed;
    }

    private record Signal(int generation, LogEvent event, boolean ended, Throwable error) {}
}
