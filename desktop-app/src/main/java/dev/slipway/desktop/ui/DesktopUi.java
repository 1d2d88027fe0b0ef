package dev.slipway.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.slipway.desktop.AppServices;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.logging.AppLog;
import dev.slipway.desktop.projects.ProjectSummary;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.browser.Browser;
import dev.slipway.desktop.ui.deployform.DeployFormView;
import dev.slipway.desktop.ui.deployform.DeployFormViewModel;
import dev.slipway.desktop.ui.deployment.DeploymentView;
import dev.slipway.desktop.ui.deployment.DeploymentViewModel;
import dev.slipway.desktop.ui.domains.DomainsView;
import dev.slipway.desktop.ui.domains.DomainsViewModel;
import dev.slipway.desktop.ui.logpane.LogPaneView;
import dev.slipway.desktop.ui.logpane.LogPaneViewModel;
import dev.slipway.desktop.ui.projects.ProjectsView;
import dev.slipway.desktop.ui.projects.ProjectsViewModel;
import dev.slipway.desktop.ui.settings.SettingsView;
import dev.slipway.desktop.ui.settings.SettingsViewModel;
import dev.slipway.desktop.ui.statusbar.StatusBarViewModel;
import dev.slipway.desktop.ui.task.TaskRunner;
import dev.slipway.desktop.ui.variables.VariablesView;
import dev.slipway.desktop.ui.variables.VariablesViewModel;
import dev.slipway.desktop.ui.window.Notifier;
import dev.slipway.desktop.ui.window.StackOnClose;
import dev.slipway.desktop.ui.window.Theme;
import dev.slipway.desktop.ui.window.WindowState;
import dev.slipway.desktop.ui.window.WindowStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI's composition root: builds every view model on the services, every view on its view model,
 * and the window. Everything the UI holds is made here and nowhere else.
 */
public final class DesktopUi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopUi.class);

    private static final String STYLESHEET =
            DesktopUi.class.getResource("slipway.css").toExternalForm();
    private static final Duration STATUS_PERIOD = Duration.seconds(5);

    private final AppServices services;
    private final WindowStateStore windowStore;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final BannerViewModel banner = new BannerViewModel();
    private final DeploymentViewModel deployment;
    private final DeployFormViewModel form;
    private final ProjectsViewModel projects;
    private final DomainsViewModel domains;
    private final VariablesViewModel variables;
    private final SettingsViewModel settings;
    private final StatusBarViewModel status;
    private final DeploymentView deploymentView;
    private final LogPaneView logPaneView;
    private final MainView main;
    private final Timeline statusTimer;
    private final TaskRunner tasks;
    private final Browser browser;
    private final Notifier notifier;
    private WindowState remembered = WindowState.defaults();
    private boolean closeDecided;
    private DeploymentHandle pendingRemembered;
    private final ObjectProperty<StackOnClose> stackChoice =
            new SimpleObjectProperty<>(StackOnClose.ASK);
    private Stage stage;
    private Stage settingsStage;

    public DesktopUi(
            AppServices services, Browser browser, TaskRunner tasks, Clock clock, ZoneId zone) {
        this(services, browser, tasks, clock, zone, (title, body) -> {});
    }

    public DesktopUi(
            AppServices services,
            Browser browser,
            TaskRunner tasks,
            Clock clock,
            ZoneId zone,
            Notifier notifier) {
        this.services = services;
        this.tasks = tasks;
        this.browser = browser;
        this.notifier = notifier;
        this.windowStore = new WindowStateStore(services.home());
        LogPaneViewModel logPane = new LogPaneViewModel();
        java.util.function.BiFunction<
                        dev.slipway.core.project.Slug,
                        dev.slipway.core.deployment.DeploymentId,
                        String>
                deploymentUrls =
                        (project, id) ->
                                services.config().load().deploymentUrl(project.value(), id);
        deployment =
                new DeploymentViewModel(
                        services.logs(),
                        services.deploy(),
                        services.promote(),
                        deploymentUrls,
                        tasks,
                        browser,
                        banner,
                        clock,
                        logPane);
        form = new DeployFormViewModel(services.deploy(), tasks, banner, this::watchFromForm);
        projects =
                new ProjectsViewModel(
                        services.projects(),
                        services.promote(),
                        deploymentUrls,
                        services.deploy(),
                        tasks,
                        browser,
                        banner,
                        this::watchRedeploy);
        domains = new DomainsViewModel(services.domains(), tasks, banner);
        variables = new VariablesViewModel(services.variables(), tasks, banner);
        projects.selectedProperty()
                .addListener(
                        (obs, old, now) -> {
                            dev.slipway.core.project.Slug slug =
                                    now == null
                                            ? null
                                            : dev.slipway.core.project.Slug.of(
                                                    now.record().project());
                            domains.show(slug);
                            variables.show(slug);
                        });
        deployment.setOnPromoted(this::refreshProjectsIfReady);
        settings = new SettingsViewModel(services.config(), services.doctor(), tasks);
        status =
                new StatusBarViewModel(
                        services.config(), services.stack(), services.doctor(), tasks, banner);
        settings.setOnSaved(status::refresh);
        projects.setOnViewLog(
                (handle, manifest) -> {
                    deployment.watch(handle, manifest);
                    showDeployTab();
                    rememberLastDeployment(handle);
                });
        // A finished build has written its manifest: show it in the projects list and header.
        deployment
                .statusProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now != null && now.isTerminal()) {
                                if (status.backendReadyProperty().get()) {
                                    projects.refresh();
                                }
                                loadDetails();
                                notifyEnded(now);
                            }
                        });
        deployment
                .runningProperty()
                .addListener(
                        (obs, was, now) -> {
                            if (!now) {
                                form.runningProjectProperty().set(null);
                            }
                        });
        // Which deployment is live changes with a rollback: the deploy pane says so.
        projects.projects()
                .addListener(
                        (javafx.collections.ListChangeListener<ProjectSummary>)
                                c -> {
                                    for (ProjectSummary p : projects.projects()) {
                                        deployment.setLiveDeployment(
                                                p.record().project(),
                                                p.record().liveDeploymentId());
                                    }
                                });
        // Listing projects needs a backend; the app does not start the local stack for it.
        status.backendReadyProperty()
                .addListener(
                        (obs, was, ready) -> {
                            if (ready) {
                                projects.refresh();
                                openRemembered();
                            }
                        });
        status.localStackRunningProperty()
                .addListener(
                        (obs, was, running) -> {
                            if (was && !running) {
                                deployment.localStackStopped();
                            }
                        });
        form.localStackStoppedProperty()
                .bind(status.localStackRunningProperty().not().and(status.canStartStackProperty()));
        form.setOnStarted(
                request -> {
                    remembered = remembered.withForm(form.memory(), request.repoUrl());
                    windowStore.save(remembered);
                });

        logPaneView = new LogPaneView(logPane);
        deploymentView = new DeploymentView(deployment, logPaneView, status::startStack);
        main =
                new MainView(
                        banner,
                        status,
                        theme,
                        this::openSettings,
                        this::openLogFolder,
                        new DeployFormView(form).root(),
                        deploymentView.root(),
                        new ProjectsView(
                                        projects,
                                        zone,
                                        clock,
                                        () -> new DomainsView(domains).root(),
                                        () -> new VariablesView(variables).root())
                                .root());
        statusTimer = new Timeline(new KeyFrame(STATUS_PERIOD, e -> status.refresh()));
        statusTimer.setCycleCount(Animation.INDEFINITE);
    }

    /**
     * The header's "Log folder" (not the status bar: its text fills the smallest window): the file
     * manager on {@code $SLIPWAY_HOME/logs}.
     */
    private void openLogFolder() {
        Path folder = AppLog.folder(services.home());
        Browser.openOrExplain(
                url -> {
                    try {
                        Files.createDirectories(folder);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot create " + folder, e);
                    }
                    browser.open(url);
                },
                tasks,
                banner,
                folder.toUri().toString());
    }

    private void watchFromForm(DeploymentHandle handle) {
        watch(handle, form.previewProperty().get());
    }

    private void watchRedeploy(DeploymentHandle handle) {
        watch(handle, false);
    }

    private void refreshProjectsIfReady() {
        if (status.backendReadyProperty().get()) {
            projects.refresh();
        }
    }

    private void watch(DeploymentHandle handle, boolean preview) {
        deployment.watch(handle);
        if (preview) {
            deployment.markPreview();
        }
        form.runningProjectProperty().set(handle.project().value());
        main.showDeployTab();
        rememberLastDeployment(handle);
        if (status.backendReadyProperty().get()) {
            projects.refresh();
        } else {
            // The deploy started the local stack: the status bar shows it at once.
            status.refresh();
        }
    }

    private void showDeployTab() {
        main.showDeployTab();
    }

    private void rememberLastDeployment(DeploymentHandle handle) {
        remembered = remembered.withLastDeployment(handle.project().value(), handle.id().value());
        windowStore.save(remembered);
    }

    /** The watched deployment's manifest, for the commit in its header. */
    private void loadDetails() {
        DeploymentHandle h = deployment.handleProperty().get();
        if (h == null) {
            return;
        }
        tasks.run(
                "details of " + h.id(),
                () -> services.projects().deployments(h.project()),
                manifests ->
                        manifests.stream()
                                .filter(m -> m.deploymentId().equals(h.id().value()))
                                .findFirst()
                                .ifPresent(deployment::showDetails),
                error -> LOG.debug("No manifest for the header of " + h.id(), error));
    }

    /** A desktop notification when a build ends while the window is not in front. */
    private void notifyEnded(dev.slipway.core.deployment.DeploymentStatus end) {
        DeploymentHandle h = deployment.handleProperty().get();
        if (stage == null
                || (stage.isFocused() && !stage.isIconified())
                || h == null
                || !deployment.isLiveFollow()) {
            return;
        }
        String what =
                switch (end) {
                    case READY ->
                            deployment.previewProperty().get()
                                    ? "preview is ready at " + deployment.shownUrlProperty().get()
                                    : "is live at " + deployment.shownUrlProperty().get();
                    case CANCELED -> "was canceled";
                    default -> "failed: " + deployment.failureReasonProperty().get();
                };
        notifier.notify("Slipway: " + h.project().value(), h.project().value() + " " + what);
    }

    /** Shows the main window on {@code stage}, where it was last time. */
    public void show(Stage target) {
        this.stage = target;
        WindowState state = windowStore.load();
        remembered = state;
        stackChoice.set(state.stackOnClose());
        stackChoice.addListener(
                (obs, old, now) -> {
                    if (now != null && now != remembered.stackOnClose()) {
                        remembered = remembered.withStackOnClose(now);
                        windowStore.save(remembered);
                    }
                });
        theme.addListener((obs, old, now) -> applyTheme(now));
        theme.set(state.theme());
        applyTheme(state.theme());
        form.restore(state.form(), state.recentRepositories());

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double width = Math.min(state.width(), Math.max(WindowState.MIN_WIDTH, screen.getWidth()));
        double height =
                Math.min(state.height(), Math.max(WindowState.MIN_HEIGHT, screen.getHeight()));
        Scene scene = scene(width, height);
        target.setTitle("Slipway");
        target.setScene(scene);
        target.setMinWidth(WindowState.MIN_WIDTH);
        target.setMinHeight(WindowState.MIN_HEIGHT);
        if (state.x() != null && state.y() != null && onSomeScreen(state)) {
            target.setX(state.x());
            target.setY(state.y());
        } else {
            target.centerOnScreen();
        }
        target.setMaximized(state.maximized());
        target.setOnHiding(e -> rememberWindow());
        target.setOnCloseRequest(this::onCloseRequest);
        target.show();

        // Projects are listed once the status says a backend runs (never starting the stack).
        status.refresh();
        statusTimer.play();
        reopenLastDeployment(state);
    }

    /** The main window's scene: the views, the stylesheet and the window's keys. */
    private Scene scene(double width, double height) {
        Scene scene = new Scene(main.root(), width, height);
        scene.getStylesheets().add(STYLESHEET);
        scene.getAccelerators()
                .put(KeyCombination.keyCombination("Shortcut+1"), main::showDeployTab);
        scene.getAccelerators()
                .put(KeyCombination.keyCombination("Shortcut+2"), main::showProjectsTab);
        scene.getAccelerators()
                .put(KeyCombination.keyCombination("Shortcut+COMMA"), this::openSettings);
        // Ctrl+F searches the log wherever the focus is: it must never type into a form field.
        KeyCombination find = KeyCombination.keyCombination("Shortcut+F");
        scene.addEventFilter(
                javafx.scene.input.KeyEvent.KEY_PRESSED,
                e -> {
                    if (find.match(e)) {
                        main.showDeployTab();
                        logPaneView.focusSearch();
                        e.consume();
                    }
                });
        scene.getAccelerators()
                .put(
                        KeyCombination.keyCombination("F5"),
                        () -> {
                            projects.refresh();
                            status.refresh();
                        });
        return scene;
    }

    /**
     * Builds the main window's scene as {@link #show} does, at the default size and theme, and
     * renders it once into an image, without showing a window or reading or writing the window's
     * state: the training run of the app's class-data archive ({@link DesktopTraining}) loads the
     * classes of the first frame that way.
     *
     * @return the image of the window's content
     */
    public javafx.scene.image.WritableImage renderOffScreen() {
        applyTheme(Theme.LIGHT);
        return scene(WindowState.DEFAULT_WIDTH, WindowState.DEFAULT_HEIGHT).snapshot(null);
    }

    private void reopenLastDeployment(WindowState state) {
        if (state.lastProject() == null || state.lastDeployment() == null) {
            return;
        }
        try {
            dev.slipway.core.project.Slug slug =
                    dev.slipway.core.project.Slug.of(state.lastProject());
            dev.slipway.core.deployment.DeploymentId id =
                    dev.slipway.core.deployment.DeploymentId.of(state.lastDeployment());
            DeploymentHandle handle = new DeploymentHandle(slug, id, null);
            deployment.showRemembered(handle);
            pendingRemembered = handle;
            if (status.backendReadyProperty().get()) {
                openRemembered();
            }
        } catch (RuntimeException bad) {
            LOG.debug("Ignoring the remembered deployment", bad);
        }
    }

    /** Shows the remembered deployment with its outcome, once a backend can be read. */
    private void openRemembered() {
        DeploymentHandle h = pendingRemembered;
        pendingRemembered = null;
        if (h == null || deployment.handleProperty().get() != null) {
            return;
        }
        tasks.run(
                "remembered deployment " + h.id(),
                () -> services.projects().deployments(h.project()),
                manifests ->
                        manifests.stream()
                                .filter(m -> m.deploymentId().equals(h.id().value()))
                                .findFirst()
                                .ifPresent(
                                        m -> {
                                            if (deployment.handleProperty().get() == null) {
                                                deployment.watch(h, m);
                                            }
                                        }),
                error -> LOG.debug("The remembered deployment is gone", error));
    }

    /**
     * Closing with the local stack running: keep it or stop it, as the setting says, or ask (with
     * "remember my choice").
     */
    private void onCloseRequest(javafx.stage.WindowEvent e) {
        if (closeDecided || !status.localStackRunningProperty().get()) {
            return;
        }
        StackOnClose choice = remembered.stackOnClose();
        if (choice == StackOnClose.KEEP) {
            return;
        }
        e.consume();
        if (choice == StackOnClose.STOP) {
            stopStackThenClose();
        } else {
            askAboutStack();
        }
    }

    private void askAboutStack() {
        javafx.scene.control.ButtonType keep =
                new javafx.scene.control.ButtonType(
                        "Keep it running", javafx.scene.control.ButtonBar.ButtonData.NO);
        javafx.scene.control.ButtonType stop =
                new javafx.scene.control.ButtonType(
                        "Stop it", javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.Alert alert =
                new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.CONFIRMATION,
                        "",
                        keep,
                        stop,
                        javafx.scene.control.ButtonType.CANCEL);
        alert.setTitle("Close Slipway");
        alert.setHeaderText("The local stack is still running.");
        javafx.scene.control.Label text =
                new javafx.scene.control.Label(
                        "It serves your sites at "
                                + services.config().load().siteUrl("<project>")
                                + " and uses about 250 MB of memory. Keep it running, or stop it"
                                + " now? (From a terminal: slipway down stops it later.)");
        text.setWrapText(true);
        javafx.scene.control.CheckBox rememberBox =
                new javafx.scene.control.CheckBox("Remember my choice (change it in Settings)");
        rememberBox.setId("rememberStackChoice");
        javafx.scene.layout.VBox content = new javafx.scene.layout.VBox(10, text, rememberBox);
        content.setPrefWidth(460);
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().getStyleClass().add("close-dialog");
        alert.initOwner(stage);
        alert.setOnHidden(
                ev -> {
                    javafx.scene.control.ButtonType r = alert.getResult();
                    if (r == keep || r == stop) {
                        if (rememberBox.isSelected()) {
                            setStackOnClose(r == stop ? StackOnClose.STOP : StackOnClose.KEEP);
                        }
                        if (r == stop) {
                            stopStackThenClose();
                        } else {
                            closeNow();
                        }
                    }
                });
        alert.show();
    }

    private void stopStackThenClose() {
        banner.showInfo("Stopping the local stack…");
        tasks.run(
                "stop the local stack",
                services.stack()::stop,
                this::closeNow,
                error -> {
                    banner.showError("Stopping the local stack", error);
                    closeNow();
                });
    }

    private void closeNow() {
        closeDecided = true;
        stage.close();
    }

    /** What closing does to the local stack (also set in the close question). */
    public StackOnClose stackOnClose() {
        return remembered.stackOnClose();
    }

    public void setStackOnClose(StackOnClose choice) {
        remembered = remembered.withStackOnClose(choice);
        windowStore.save(remembered);
        stackChoice.set(choice);
    }

    private static boolean onSomeScreen(WindowState s) {
        return !Screen.getScreensForRectangle(
                        new Rectangle2D(s.x(), s.y(), Math.min(s.width(), 200), 40))
                .isEmpty();
    }

    private void rememberWindow() {
        remembered =
                remembered
                        .withWindow(
                                stage.getX(),
                                stage.getY(),
                                stage.getWidth(),
                                stage.getHeight(),
                                stage.isMaximized(),
                                theme.get())
                        .withForm(form.memory(), null);
        windowStore.save(remembered);
    }

    private void applyTheme(Theme t) {
        Application.setUserAgentStylesheet(
                t == Theme.DARK
                        ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
        for (Parent root :
                new Parent[] {
                    main.root(), settingsStage == null ? null : settingsStage.getScene().getRoot()
                }) {
            if (root != null) {
                root.getStyleClass().remove("dark");
                if (t == Theme.DARK) {
                    root.getStyleClass().add("dark");
                }
            }
        }
    }

    /** Opens the settings dialog with the values of {@code config.json}. */
    public void openSettings() {
        if (settingsStage == null) {
            settingsStage = new Stage();
            settingsStage.initOwner(stage);
            settingsStage.initModality(Modality.WINDOW_MODAL);
            settingsStage.setTitle("Slipway settings");
            SettingsView view =
                    new SettingsView(
                            settings, services.config().file(), settingsStage::hide, stackChoice);
            Scene scene = new Scene(view.root());
            scene.getStylesheets().add(STYLESHEET);
            settingsStage.setScene(scene);
            settingsStage.setMinWidth(560);
            applyTheme(theme.get());
        }
        settings.load();
        settingsStage.show();
        settingsStage.toFront();
    }

    /** The deployment the Deploy tab shows (null before the first). */
    public DeploymentHandle watchedDeployment() {
        return deployment.handleProperty().get();
    }

    /** The last status of the deployment the Deploy tab shows. */
    public dev.slipway.core.deployment.DeploymentStatus watchedStatus() {
        return deployment.status();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Stops timers and log reading; the services are closed by their owner. */
    @Override
    public void close() {
        statusTimer.stop();
        deploymentView.stop();
        deployment.stop();
        if (settingsStage != null) {
            settingsStage.hide();
        }
    }
}
