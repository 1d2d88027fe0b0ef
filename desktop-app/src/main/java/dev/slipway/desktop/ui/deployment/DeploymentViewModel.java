package dev.slipway.desktop.ui.deployment;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.logs.AnsiText;
import dev.slipway.desktop.logs.LineJoiner;
import dev.slipway.desktop.logs.LogService;
import dev.slipway.desktop.promote.Promotions;
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
    private final ReadOnlyStringWrapper commitText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lostReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper stackMayStart = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper liveDeploymentId = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper deploymentUrl = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper preview = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper promoting = new ReadOnlyBooleanWrapper(false);
    private final Promotions promotions;
    private final java.util.function.BiFunction<Slug, DeploymentId, String> deploymentUrls;
    private Runnable onPromoted = () -> {};

    /** The outcome known before the log is replayed (a finished deployment opened from a list). */
    private final ObjectProperty<DeploymentStatus> knownOutcome = new SimpleObjectProperty<>();

    private final BooleanBinding running;
    private final BooleanBinding live;
    private final BooleanBinding ready;
    private final BooleanBinding failed;
    private final BooleanBinding canceled;
    private final BooleanBinding lost;
    private final javafx.beans.binding.StringBinding resultLabel;
    private final javafx.beans.binding.StringBinding shownUrl;
    private final BooleanBinding canPromote;

    private final Queue<Signal> signals = new ConcurrentLinkedQueue<>();
    private LogFollower follower;
    private volatile int generation;
    private boolean liveFollow;
    private java.time.Duration archiveWait = java.time.Duration.ofSeconds(30);

    public DeploymentViewModel(
            LogService logs,
            DeployService deployer,
            TaskRunner tasks,
            Browser browser,
            BannerViewModel banner,
            Clock clock,
            LogPaneViewModel logPane) {
        this(logs, deployer, null, (p, id) -> null, tasks, browser, banner, clock, logPane);
    }

    /**
     * @param promotions makes a preview live from this pane (null: no Promote)
     * @param deploymentUrls the URL of one deployment, {@code <project>--<id10>.<baseDomain>}
     */
    public DeploymentViewModel(
            LogService logs,
            DeployService deployer,
            Promotions promotions,
            java.util.function.BiFunction<Slug, DeploymentId, String> deploymentUrls,
            TaskRunner tasks,
            Browser browser,
            BannerViewModel banner,
            Clock clock,
            LogPaneViewModel logPane) {
        this.promotions = promotions;
        this.deploymentUrls = deploymentUrls;
        this.logs = logs;
        this.deployer = deployer;
        this.tasks = tasks;
        this.browser = browser;
        this.banner = banner;
        this.clock = clock;
        this.logPane = logPane;
        this.lost = lostReason.isNotEmpty();
        this.running =
                Bindings.createBooleanBinding(
                        () ->
                                handle.get() != null
                                        && knownOutcome.get() == null
                                        && lostReason.get().isEmpty()
                                        && (status.get() == null || !status.get().isTerminal()),
                        handle,
                        status,
                        knownOutcome,
                        lostReason);
        this.ready = outcome(DeploymentStatus.READY);
        this.live =
                Bindings.createBooleanBinding(
                        () ->
                                ready.get()
                                        && (handle.get() == null
                                                || (liveDeploymentId.get() == null
                                                        ? !preview.get()
                                                        : liveDeploymentId
                                                                .get()
                                                                .equals(
                                                                        handle.get()
                                                                                .id()
                                                                                .value()))),
                        ready,
                        liveDeploymentId,
                        handle,
                        preview);
        this.failed = outcome(DeploymentStatus.FAILED).and(lost.not());
        this.canceled = outcome(DeploymentStatus.CANCELED).and(lost.not());
        this.resultLabel =
                Bindings.createStringBinding(
                        () ->
                                live.get()
                                        ? "Live at"
                                        : preview.get()
                                                ? "Preview (not live) at"
                                                : "Built, not live: "
                                                        + liveDeploymentId.get()
                                                        + " is served now. Its own address:",
                        live,
                        liveDeploymentId,
                        preview);
        this.shownUrl =
                Bindings.createStringBinding(
                        () ->
                                live.get() || deploymentUrl.get() == null
                                        ? siteUrl.get()
                                        : deploymentUrl.get(),
                        live,
                        siteUrl,
                        deploymentUrl);
        this.canPromote =
                Bindings.createBooleanBinding(
                        () -> promotions != null && ready.get() && !live.get() && !promoting.get(),
                        ready,
                        live,
                        promoting);
    }

    private BooleanBinding outcome(DeploymentStatus s) {
        return Bindings.createBooleanBinding(
                () ->
                        status.get() == s
                                || (knownOutcome.get() == s
                                        && (status.get() == null || !status.get().isTerminal())),
                status,
                knownOutcome);
    }

    /** Whether the watched deployment was followed while it ran (not a finished one replayed). */
    public boolean isLiveFollow() {
        return liveFollow;
    }

    /**
     * The deployment shown when the window closed, before its log can be read (the local stack may
     * be stopped): its name only.
     */
    public void showRemembered(DeploymentHandle remembered) {
        if (handle.get() == null) {
            title.set(
                    "Last deployment: "
                            + remembered.project().value()
                            + " · "
                            + remembered.id().value());
        }
    }

    /** How long to wait for the archive after a build that ended with a hole in its stream. */
    public void setArchiveWait(java.time.Duration wait) {
        this.archiveWait = wait;
    }

    /** Starts watching a deployment: its log from the first line, then live. */
    public void watch(DeploymentHandle deployment) {
        watch(deployment, null);
    }

    /**
     * Starts watching a deployment whose manifest is known (opened from the deployments table): a
     * finished one shows its outcome at once, with no Cancel, while its log is replayed.
     */
    public void watch(DeploymentHandle deployment, Manifest manifest) {
        stop();
        int gen = ++generation;
        handle.set(deployment);
        status.set(null);
        failureReason.set(null);
        siteUrl.set(null);
        deploymentUrl.set(deploymentUrls.apply(deployment.project(), deployment.id()));
        preview.set(manifest != null && manifest.isPreview());
        promoting.set(false);
        canceling.set(false);
        lostReason.set("");
        stackMayStart.set(false);
        steps.forEach(StepViewModel::reset);
        logPane.clear();
        title.set(deployment.project().value() + " · " + deployment.id().value());
        commitText.set("");
        knownOutcome.set(null);
        liveFollow =
                manifest == null || manifest.status() == null || !manifest.status().isTerminal();
        if (manifest != null) {
            showDetails(manifest);
            if (manifest.status() != null && manifest.status().isTerminal()) {
                knownOutcome.set(manifest.status());
                showKnownOutcome(manifest);
            }
        }
        following.set(true);
        follower =
                new LogFollower(
                        logs,
                        deployment.id(),
                        new LogFollower.Sink() {
                            @Override
                            public void line(LogEvent event) {
                                if (gen == generation) {
                                    logPane.offer(LogLine.of(event));
                                }
                            }

                            @Override
                            public void status(LogEvent event) {
                                signals.add(Signal.event(gen, event));
                            }

                            @Override
                            public void missing(long count) {
                                signals.add(Signal.missing(gen, count));
                            }

                            @Override
                            public void earlier(long count) {
                                if (gen == generation) {
                                    logPane.skipEarlier(count);
                                }
                            }

                            @Override
                            public void reload(List<LogEvent> all) {
                                if (gen == generation) {
                                    logPane.replaceAll(all.stream().map(LogLine::of).toList());
                                }
                            }

                            @Override
                            public void ended() {
                                signals.add(new Signal(gen, null, true, null, -1));
                            }

                            @Override
                            public void failed(Throwable error) {
                                signals.add(new Signal(gen, null, false, error, -1));
                            }
                        },
                        archiveWait,
                        java.time.Duration.ofMillis(250));
        follower.resume();
    }

    private void showKnownOutcome(Manifest m) {
        for (StepViewModel step : steps) {
            step.skip();
        }
        switch (m.status()) {
            case READY -> {
                steps.forEach(step -> step.finish(StepState.DONE, null));
                siteUrl.set(handle.get().siteUrl());
            }
            case FAILED -> {
                steps.get(indexOf(DeploymentStatus.BUILDING)).finish(StepState.FAILED, null);
                failureReason.set(
                        reasonOf(
                                m.error() == null || m.error().isBlank() ? null : m.error(),
                                DeploymentStatus.FAILED));
            }
            case CANCELED -> {
                steps.get(indexOf(DeploymentStatus.BUILDING)).finish(StepState.CANCELED, null);
                failureReason.set(reasonOf(null, DeploymentStatus.CANCELED));
            }
            default -> {}
        }
    }

    /** The commit, its message and branch in the header, from the deployment's manifest. */
    public void showDetails(Manifest m) {
        if (handle.get() == null || !handle.get().id().value().equals(m.deploymentId())) {
            return;
        }
        StringBuilder text = new StringBuilder();
        if (m.commit() != null && !m.commit().isBlank()) {
            text.append(m.commit(), 0, Math.min(7, m.commit().length()));
        }
        if (m.commitMessage() != null && !m.commitMessage().isBlank()) {
            String msg = m.commitMessage().strip();
            int nl = msg.indexOf('\n');
            text.append(text.length() > 0 ? " " : "").append(nl >= 0 ? msg.substring(0, nl) : msg);
        }
        if (m.ref() != null && !m.ref().isBlank()) {
            text.append(text.length() > 0 ? " · " : "").append("branch ").append(m.ref());
        }
        commitText.set(text.toString());
    }

    /**
     * Follows the log again after a lost connection; lines already shown are not repeated. After
     * the local stack stopped under the build, its log is followed again from its first line: once
     * the stack runs again, the log ends as the build ended (a silent log's build is reconciled).
     */
    public void retry() {
        if (lostReason.get().isEmpty()) {
            return;
        }
        if (follower == null) {
            DeploymentHandle h = handle.get();
            if (h != null) {
                watch(h);
            }
            return;
        }
        lostReason.set("");
        stackMayStart.set(false);
        following.set(true);
        follower.resume();
    }

    /**
     * The local stack stopped while this deployment was running: its build and its log stream went
     * with it. Shown as a lost connection, with the way back through the window's own buttons.
     */
    public void localStackStopped() {
        if (!running.get()) {
            return;
        }
        if (follower != null) {
            follower.close();
            follower = null;
        }
        following.set(false);
        stackMayStart.set(true);
        lostReason.set(
                "The local stack stopped during this build, so the build stopped with it."
                        + " Start the local stack, then Retry to see how the build ended, or"
                        + " deploy again.");
    }

    /** Which deployment of the watched project is live now (after a rollback, for example). */
    public void setLiveDeployment(String project, String deploymentId) {
        DeploymentHandle h = handle.get();
        if (h != null && h.project().value().equals(project)) {
            liveDeploymentId.set(deploymentId);
        }
    }

    /** Stops following the current log (the deployment itself goes on). */
    public void stop() {
        generation++;
        following.set(false);
        if (follower != null) {
            follower.close();
            follower = null;
        }
        signals.clear();
        liveDeploymentId.set(null);
    }

    /** UI thread, about 10 times a second: applies the queued lines and status changes. */
    public void drain() {
        logPane.drain();
        Signal s;
        while ((s = signals.poll()) != null) {
            if (s.generation != generation) {
                continue;
            }
            if (s.missing >= 0) {
                logPane.setMissingLines(s.missing);
            } else if (s.event != null) {
                apply(s.event);
            } else if (s.ended) {
                following.set(false);
            } else if (s.error != null) {
                following.set(false);
                if (knownOutcome.get() == null) {
                    lostReason.set(
                            "Lost the connection to the build's log ("
                                    + UserMessages.sentence(s.error)
                                    + ") Retry follows it again from the last line shown.");
                } else {
                    banner.showError("Reading the log of " + title.get(), s.error);
                }
            }
        }
        if (running.get()) {
            steps.forEach(step -> step.tick(clock.instant()));
        }
    }

    /** Applies one status event to the stepper and the outcome. */
    void apply(LogEvent event) {
        if (knownOutcome.get() != null) {
            // A finished deployment's replay: its outcome is shown already.
            if (event.isTerminal()) {
                if (event.url() != null) {
                    siteUrl.set(event.url());
                }
                status.set(event.status());
                knownOutcome.set(null);
            }
            return;
        }
        DeploymentStatus next = event.status();
        int target = indexOf(next);
        int active = activeIndex();
        switch (next) {
            case READY -> {
                finishActive(StepState.DONE, event);
                skipPendingBefore(target);
                steps.get(target).finish(StepState.DONE, null);
                if (!preview.get() && handle.get() != null) {
                    // The builder made it live with this event (a newer build may replace it; the
                    // projects list says so when it is read again).
                    liveDeploymentId.set(handle.get().id().value());
                }
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
                failureReason.set(reasonOf(event.error(), next));
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

    /**
     * The sentence under the stepper. A cancel is no error: it says so plainly, without the signal
     * the builder was stopped with. The failure box sits above the log, so a builder's "see the
     * build log above" is turned to point below.
     */
    static String reasonOf(String error, DeploymentStatus status) {
        if (status == DeploymentStatus.CANCELED) {
            return "Canceled: this deployment was stopped before it finished; nothing changed.";
        }
        if (error == null || error.isBlank()) {
            return "The build failed; the first error line is selected in the log below.";
        }
        String e = error.strip();
        String above = "see the build log above.";
        if (e.endsWith(above)) {
            e = e.substring(0, e.length() - above.length()).strip();
            if (e.endsWith(":")) {
                e = e.substring(0, e.length() - 1);
            }
            return e + ". The first error line is selected in the log below.";
        }
        return e;
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
                    if (running.get()) {
                        banner.showError("Canceling " + h.id(), error);
                    }
                });
    }

    /**
     * Saves the whole log as plain text (time, stream, line): the archive when the build wrote one,
     * else what the stream holds.
     */
    public void downloadLog(java.nio.file.Path target) {
        DeploymentHandle h = handle.get();
        if (h == null || target == null) {
            return;
        }
        tasks.run(
                "save the log of " + h.id(),
                () -> {
                    List<LogEvent> all = LineJoiner.joinAll(logs.range(h.id(), 1, Long.MAX_VALUE));
                    if (all.isEmpty()) {
                        all = logs.read(h.id());
                    }
                    StringBuilder text = new StringBuilder();
                    int n = 0;
                    for (LogEvent e : all) {
                        if (e.isLine()) {
                            text.append(e.ts())
                                    .append(' ')
                                    .append(e.stream().name().toLowerCase(java.util.Locale.ROOT))
                                    .append(' ')
                                    .append(AnsiText.strip(e.line()))
                                    .append('\n');
                            n++;
                        }
                    }
                    java.nio.file.Files.writeString(target, text);
                    return n;
                },
                n -> banner.showInfo("Saved " + n + " log lines to " + target + "."),
                error -> banner.showError("Saving the log to " + target, error));
    }

    /**
     * The watched deployment was started as a preview (the deploy form's choice): READY leaves the
     * live pointer alone, and the pane shows its own address with Promote.
     */
    public void markPreview() {
        preview.set(true);
    }

    /** Called after Promote made the watched deployment live (the projects list reloads). */
    public void setOnPromoted(Runnable onPromoted) {
        this.onPromoted = onPromoted;
    }

    /** Makes the watched READY deployment (a preview) live. */
    public void promote() {
        DeploymentHandle h = handle.get();
        if (h == null || !canPromote.get()) {
            return;
        }
        promoting.set(true);
        tasks.run(
                "promote " + h.id(),
                () -> promotions.promote(h.project(), h.id()),
                done -> {
                    promoting.set(false);
                    if (h.equals(handle.get())) {
                        liveDeploymentId.set(h.id().value());
                    }
                    banner.showInfo(h.project() + " now serves " + h.id() + ".");
                    onPromoted.run();
                },
                error -> {
                    promoting.set(false);
                    banner.showError("Promoting " + h.id(), error);
                });
    }

    /** The live URL when the deployment is live, else its own deployment URL. */
    public javafx.beans.binding.StringBinding shownUrlProperty() {
        return shownUrl;
    }

    /** This deployment's own URL, served for good ({@code <project>--<id10>.<baseDomain>}). */
    public ReadOnlyStringProperty deploymentUrlProperty() {
        return deploymentUrl.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** READY, not live, and promotable from here. */
    public BooleanBinding canPromoteProperty() {
        return canPromote;
    }

    /** Opens the site in the browser; says so, with the URL to copy, when none opens. */
    public void openInBrowser() {
        String url = shownUrl.get();
        if (url == null) {
            return;
        }
        Browser.openOrExplain(browser, tasks, banner, url);
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

    /** A canceled deployment (shown plainly, not as an error). */
    public BooleanBinding canceledProperty() {
        return canceled;
    }

    /** READY, live or not. */
    public BooleanBinding readyProperty() {
        return ready;
    }

    /** "Live at", or that another deployment is served now. */
    public javafx.beans.binding.StringBinding resultLabelProperty() {
        return resultLabel;
    }

    /** The connection to the log was lost: a state with Retry, not a running build. */
    public BooleanBinding lostProperty() {
        return lost;
    }

    public ReadOnlyStringProperty lostReasonProperty() {
        return lostReason.getReadOnlyProperty();
    }

    /** Whether the lost state offers to start the local stack. */
    public ReadOnlyBooleanProperty stackMayStartProperty() {
        return stackMayStart.getReadOnlyProperty();
    }

    /** The commit's short hash, message and branch; empty until known. */
    public ReadOnlyStringProperty commitTextProperty() {
        return commitText.getReadOnlyProperty();
    }

    private record Signal(
            int generation, LogEvent event, boolean ended, Throwable error, long missing) {
        static Signal event(int gen, LogEvent e) {
            return new Signal(gen, e, false, null, -1);
        }

        static Signal missing(int gen, long n) {
            return new Signal(gen, null, false, null, n);
        }
    }
}
