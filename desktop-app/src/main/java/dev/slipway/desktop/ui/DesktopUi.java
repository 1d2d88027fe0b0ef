package dev.slipway.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.slipway.desktop.AppServices;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.browser.Browser;
import dev.slipway.desktop.ui.deployform.DeployFormView;
import dev.slipway.desktop.ui.deployform.DeployFormViewModel;
import dev.slipway.desktop.ui.deployment.DeploymentView;
import dev.slipway.desktop.ui.deployment.DeploymentViewModel;
import dev.slipway.desktop.ui.logpane.LogPaneView;
import dev.slipway.desktop.ui.logpane.LogPaneViewModel;
import dev.slipway.desktop.ui.projects.ProjectsView;
import dev.slipway.desktop.ui.projects.ProjectsViewModel;
import dev.slipway.desktop.ui.settings.SettingsView;
import dev.slipway.desktop.ui.settings.SettingsViewModel;
import dev.slipway.desktop.ui.statusbar.StatusBarViewModel;
import dev.slipway.desktop.ui.task.TaskRunner;
import dev.slipway.desktop.ui.window.Theme;
import dev.slipway.desktop.ui.window.WindowState;
import dev.slipway.desktop.ui.window.WindowStateStore;
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

/**
 * The UI's composition root: builds every view model on the services, every view on its view model,
 * and the window. Everything the UI holds is made here and nowhere else.
 */
public final class DesktopUi implements AutoCloseable {

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
    private final SettingsViewModel settings;
    private final StatusBarViewModel status;
    private final DeploymentView deploymentView;
    private final MainView main;
    private final Timeline statusTimer;
    private Stage stage;
    private Stage settingsStage;

    public DesktopUi(
            AppServices services, Browser browser, TaskRunner tasks, Clock clock, ZoneId zone) {
        this.services = services;
        this.windowStore = new WindowStateStore(services.home());
        LogPaneViewModel logPane = new LogPaneViewModel();
        deployment =
                new DeploymentViewModel(
                        services.logs(), services.deploy(), tasks, browser, banner, clock, logPane);
        form = new DeployFormViewModel(services.deploy(), tasks, banner, this::watch);
        projects =
                new ProjectsViewModel(
                        services.projects(),
                        services.deploy(),
                        tasks,
                        browser,
                        banner,
                        this::watch);
        settings = new SettingsViewModel(services.config(), services.doctor(), tasks);
        status =
                new StatusBarViewModel(
                        services.config(), services.stack(), services.doctor(), tasks, banner);
        settings.setOnSaved(status::refresh);
        // A finished build has written its manifest: show it in the projects list.
        deployment
                .statusProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now != null && now.isTerminal()) {
                                projects.refresh();
                            }
                        });

        deploymentView = new DeploymentView(deployment, new LogPaneView(logPane));
        main =
                new MainView(
                        banner,
                        status,
                        theme,
                        this::openSettings,
                        new DeployFormView(form).root(),
                        deploymentView.root(),
                        new ProjectsView(projects, zone).root());
        statusTimer = new Timeline(new KeyFrame(STATUS_PERIOD, e -> status.refresh()));
        statusTimer.setCycleCount(Animation.INDEFINITE);
    }

    private void watch(DeploymentHandle handle) {
        deployment.watch(handle);
        main.showDeployTab();
        projects.refresh();
    }

    /** Shows the main window on {@code stage}, where it was last time. */
    public void show(Stage target) {
        this.stage = target;
        WindowState state = windowStore.load();
        theme.addListener((obs, old, now) -> applyTheme(now));
        theme.set(state.theme());
        applyTheme(state.theme());

        Scene scene = new Scene(main.root(), state.width(), state.height());
        scene.getStylesheets().add(STYLESHEET);
        scene.getAccelerators()
                .put(KeyCombination.keyCombination("Shortcut+1"), main::showDeployTab);
        scene.getAccelerators()
                .put(KeyCombination.keyCombination("Shortcut+2"), main::showProjectsTab);
        scene.getAccelerators()
                .put(KeyCombination.keyCombination("Shortcut+COMMA"), this::openSettings);
        scene.getAccelerators()
                .put(
                        KeyCombination.keyCombination("F5"),
                        () -> {
                            projects.refresh();
                            status.refresh();
                        });
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
        target.show();

        status.refresh();
        projects.refresh();
        statusTimer.play();
    }

    private static boolean onSomeScreen(WindowState s) {
        return !Screen.getScreensForRectangle(
                        new Rectangle2D(s.x(), s.y(), Math.min(s.width(), 200), 40))
                .isEmpty();
    }

    private void rememberWindow() {
        windowStore.save(
                new WindowState(
                        stage.getX(),
                        stage.getY(),
                        stage.getWidth(),
                        stage.getHeight(),
                        stage.isMaximized(),
                        theme.get()));
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
                    new SettingsView(settings, services.config().file(), settingsStage::hide);
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
