package dev.slipway.desktop.ui;

import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.statusbar.StatusBarViewModel;
import dev.slipway.desktop.ui.window.Theme;
import javafx.beans.property.ObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * The window's frame: header (theme, log folder, settings), message banner, the Deploy and Projects
 * tabs, the status bar.
 */
public final class MainView {

    /** How long good news stays in the banner. */
    public static final javafx.util.Duration INFO_BANNER_TIME = javafx.util.Duration.seconds(6);

    @FXML private HBox header;
    @FXML private ToggleButton themeToggle;
    @FXML private Button settingsButton;
    @FXML private HBox banner;
    @FXML private Label bannerText;
    @FXML private Button bannerClose;
    @FXML private TabPane tabs;
    @FXML private Tab deployTab;
    @FXML private Tab projectsTab;
    @FXML private SplitPane deploySplit;
    @FXML private StackPane formHolder;
    @FXML private StackPane deploymentHolder;
    @FXML private StackPane projectsHolder;
    @FXML private Label statusDot;
    @FXML private Label statusText;
    @FXML private Button startStackButton;
    @FXML private Button logFolderButton;

    private final Parent root;

    public MainView(
            BannerViewModel bannerVm,
            StatusBarViewModel status,
            ObjectProperty<Theme> theme,
            Runnable openSettings,
            Runnable openLogFolder,
            Parent form,
            Parent deployment,
            Parent projects) {
        root = ViewLoader.load(this, "main-window.fxml");
        formHolder.getChildren().add(form);
        deploymentHolder.getChildren().add(deployment);
        projectsHolder.getChildren().add(projects);

        banner.visibleProperty().bind(bannerVm.visibleProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        bannerText.textProperty().bind(bannerVm.messageProperty());
        bannerVm.errorProperty().addListener((obs, old, isError) -> styleBanner(isError));
        styleBanner(bannerVm.errorProperty().get());
        bannerClose.setOnAction(e -> bannerVm.dismiss());
        // Good news goes away by itself; a problem stays until dismissed or replaced.
        javafx.animation.PauseTransition infoTimer =
                new javafx.animation.PauseTransition(INFO_BANNER_TIME);
        bannerVm.messageProperty()
                .addListener(
                        (obs, old, now) -> {
                            infoTimer.stop();
                            if (!now.isEmpty() && !bannerVm.errorProperty().get()) {
                                String shown = now;
                                infoTimer.setOnFinished(
                                        e -> {
                                            if (shown.equals(bannerVm.messageProperty().get())) {
                                                bannerVm.dismiss();
                                            }
                                        });
                                infoTimer.playFromStart();
                            }
                        });
        dev.slipway.desktop.ui.window.CompactLabels.below(header, 820)
                .add(themeToggle, "\u25D0")
                .add(logFolderButton, "\u2261")
                .add(settingsButton, "\u2699");

        themeToggle.setSelected(theme.get() == Theme.DARK);
        themeToggle
                .selectedProperty()
                .addListener((obs, old, dark) -> theme.set(dark ? Theme.DARK : Theme.LIGHT));
        theme.addListener((obs, old, now) -> themeToggle.setSelected(now == Theme.DARK));
        settingsButton.setOnAction(e -> openSettings.run());

        statusText.textProperty().bind(status.textProperty());
        status.healthyProperty().addListener((obs, old, ok) -> styleStatus(ok));
        styleStatus(status.healthyProperty().get());
        startStackButton.visibleProperty().bind(status.canStartStackProperty());
        startStackButton.managedProperty().bind(startStackButton.visibleProperty());
        startStackButton.disableProperty().bind(status.startingProperty());
        startStackButton.setOnAction(e -> status.startStack());
        logFolderButton.setOnAction(e -> openLogFolder.run());
    }

    private void styleBanner(boolean isError) {
        banner.getStyleClass().removeAll("banner-error", "banner-info");
        banner.getStyleClass().add(isError ? "banner-error" : "banner-info");
    }

    private void styleStatus(boolean ok) {
        statusDot.getStyleClass().removeAll("status-ok", "status-off");
        statusDot.getStyleClass().add(ok ? "status-ok" : "status-off");
    }

    public void showDeployTab() {
        tabs.getSelectionModel().select(deployTab);
    }

    public void showProjectsTab() {
        tabs.getSelectionModel().select(projectsTab);
    }

    public Parent root() {
        return root;
    }
}
