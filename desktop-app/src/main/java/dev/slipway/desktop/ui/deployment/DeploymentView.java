package dev.slipway.desktop.ui.deployment;

import dev.slipway.desktop.ui.ViewLoader;
import dev.slipway.desktop.ui.logpane.LogPaneView;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The watched deployment: stepper, Cancel, the live URL or the failure, and the log pane. A
 * timeline drains the queued log into the view model ten times a second.
 */
public final class DeploymentView {

    /** How often queued log lines and status changes reach the screen. */
    public static final Duration DRAIN_PERIOD = Duration.millis(100);

    @FXML private Label titleLabel;
    @FXML private Label commitLabel;
    @FXML private Label resultLabel;
    @FXML private HBox lostBox;
    @FXML private Label lostLabel;
    @FXML private Button lostStartButton;
    @FXML private Button retryButton;
    @FXML private Button cancelButton;
    @FXML private HBox stepper;
    @FXML private HBox liveBox;
    @FXML private Hyperlink urlLink;
    @FXML private Button openSiteButton;
    @FXML private Button copyUrlButton;
    @FXML private Button promotePreviewButton;
    @FXML private HBox failedBox;
    @FXML private Label failureLabel;
    @FXML private StackPane logHolder;

    private final Parent root;
    private final Timeline drainer;

    public DeploymentView(DeploymentViewModel vm, LogPaneView logPane, Runnable startStack) {
        root = ViewLoader.load(this, "deployment.fxml");
        titleLabel.textProperty().bind(vm.titleProperty());
        commitLabel.textProperty().bind(vm.commitTextProperty());
        // Its line is kept while empty: the commit arrives just after the outcome, and the result
        // box must not move down under the pointer of someone about to click Open in browser.
        commitLabel.visibleProperty().bind(vm.commitTextProperty().isNotEmpty());
        resultLabel.textProperty().bind(vm.resultLabelProperty());
        lostBox.visibleProperty().bind(vm.lostProperty());
        lostBox.managedProperty().bind(lostBox.visibleProperty());
        lostLabel.textProperty().bind(vm.lostReasonProperty());
        lostStartButton.visibleProperty().bind(vm.stackMayStartProperty());
        lostStartButton.managedProperty().bind(lostStartButton.visibleProperty());
        lostStartButton.setOnAction(e -> startStack.run());
        retryButton.setOnAction(e -> vm.retry());
        cancelButton.visibleProperty().bind(vm.runningProperty());
        cancelButton.managedProperty().bind(cancelButton.visibleProperty());
        cancelButton.disableProperty().bind(vm.cancelingProperty());
        cancelButton.setOnAction(e -> vm.cancel());

        for (int i = 0; i < vm.steps().size(); i++) {
            if (i > 0) {
                Region line = new Region();
                line.getStyleClass().add("step-line");
                HBox.setHgrow(line, Priority.ALWAYS);
                stepper.getChildren().add(line);
            }
            stepper.getChildren().add(stepNode(vm.steps().get(i)));
        }
        stepper.visibleProperty().bind(vm.handleProperty().isNotNull());

        liveBox.visibleProperty().bind(vm.readyProperty());
        liveBox.managedProperty().bind(liveBox.visibleProperty());
        urlLink.textProperty().bind(vm.shownUrlProperty());
        promotePreviewButton.visibleProperty().bind(vm.canPromoteProperty());
        promotePreviewButton.managedProperty().bind(promotePreviewButton.visibleProperty());
        promotePreviewButton.setOnAction(e -> vm.promote());
        urlLink.setOnAction(e -> vm.openInBrowser());
        openSiteButton.setOnAction(e -> vm.openInBrowser());
        copyUrlButton.setOnAction(
                e -> {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(vm.shownUrlProperty().get());
                    Clipboard.getSystemClipboard().setContent(content);
                });

        failedBox.visibleProperty().bind(vm.failedProperty().or(vm.canceledProperty()));
        failedBox.managedProperty().bind(failedBox.visibleProperty());
        vm.canceledProperty()
                .addListener(
                        (obs, old, now) -> {
                            failedBox.getStyleClass().removeAll("failed-box", "canceled-box");
                            failedBox.getStyleClass().add(now ? "canceled-box" : "failed-box");
                        });
        failureLabel.textProperty().bind(vm.failureReasonProperty());

        logHolder.getChildren().add(logPane.root());
        logPane.setOnDownload(
                () -> {
                    if (vm.handleProperty().get() == null) {
                        return;
                    }
                    javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
                    chooser.setTitle("Save the build log");
                    chooser.setInitialFileName(vm.handleProperty().get().id().value() + ".log");
                    java.io.File file = chooser.showSaveDialog(root.getScene().getWindow());
                    if (file != null) {
                        vm.downloadLog(file.toPath());
                    }
                });
        dev.slipway.desktop.ui.window.CompactLabels.below(liveBox, 560)
                .add(openSiteButton, "\u2197")
                .add(copyUrlButton, "\u2398");

        drainer = new Timeline(new KeyFrame(DRAIN_PERIOD, e -> vm.drain()));
        drainer.setCycleCount(Animation.INDEFINITE);
        drainer.play();
    }

    private static VBox stepNode(StepViewModel step) {
        Label dot = new Label();
        dot.getStyleClass().add("step-dot");
        Label name = new Label(step.label());
        name.getStyleClass().add("step-name");
        Label time = new Label();
        time.getStyleClass().add("step-time");
        time.textProperty().bind(step.timeProperty());
        VBox box = new VBox(2, dot, name, time);
        box.getStyleClass().add("step");
        box.setFillWidth(false);
        box.setAlignment(javafx.geometry.Pos.TOP_CENTER);
        Runnable style =
                () -> {
                    box.getStyleClass().removeIf(c -> c.startsWith("step-state-"));
                    box.getStyleClass()
                            .add(
                                    "step-state-"
                                            + step.state()
                                                    .name()
                                                    .toLowerCase(java.util.Locale.ROOT));
                    dot.setText(
                            switch (step.state()) {
                                case DONE -> "✓";
                                case FAILED, CANCELED -> "✕";
                                case ACTIVE -> "●";
                                case SKIPPED -> "–";
                                case PENDING -> "○";
                            });
                };
        style.run();
        step.stateProperty().addListener((obs, old, now) -> style.run());
        box.accessibleTextProperty()
                .bind(
                        Bindings.concat(
                                step.label(),
                                " ",
                                step.stateProperty().asString(),
                                " ",
                                step.timeProperty()));
        return box;
    }

    public Parent root() {
        return root;
    }

    /** Stops the drain timer when the window closes. */
    public void stop() {
        drainer.stop();
    }
}
