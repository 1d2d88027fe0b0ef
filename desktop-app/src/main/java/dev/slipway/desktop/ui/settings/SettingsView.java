package dev.slipway.desktop.ui.settings;

import dev.slipway.core.config.Mode;
import dev.slipway.desktop.doctor.CheckResult;
import dev.slipway.desktop.ui.ViewLoader;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;

/** The settings dialog's content, bound to {@link SettingsViewModel}. */
public final class SettingsView {

    @FXML private Label fileLabel;
    @FXML private RadioButton localRadio;
    @FXML private RadioButton awsRadio;
    @FXML private TextField baseDomainField;
    @FXML private TextField proxyPortField;
    @FXML private TitledPane awsPane;
    @FXML private TextField profileField;
    @FXML private TextField regionField;
    @FXML private TextField bucketField;
    @FXML private TextField clusterField;
    @FXML private TextField taskDefinitionField;
    @FXML private TextField containerField;
    @FXML private TextField subnetsField;
    @FXML private TextField securityGroupsField;
    @FXML private CheckBox publicIpBox;
    @FXML private TextField redisField;
    @FXML private Label problemLabel;
    @FXML private Label portProblem;
    @FXML private Label checkSummary;

    @FXML
    private javafx.scene.control.ComboBox<dev.slipway.desktop.ui.window.StackOnClose>
            stackOnCloseChoice;

    @FXML private ListView<CheckResult> checkList;
    @FXML private Button testButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label savedLabel;
    @FXML private Button closeButton;
    @FXML private Button saveButton;

    private final Parent root;

    public SettingsView(
            SettingsViewModel vm,
            Path configFile,
            Runnable close,
            javafx.beans.property.ObjectProperty<dev.slipway.desktop.ui.window.StackOnClose>
                    stackOnClose) {
        root = ViewLoader.load(this, "settings.fxml");
        stackOnCloseChoice.getItems().setAll(dev.slipway.desktop.ui.window.StackOnClose.values());
        stackOnCloseChoice.setConverter(
                new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(dev.slipway.desktop.ui.window.StackOnClose c) {
                        if (c == null) {
                            return "";
                        }
                        return switch (c) {
                            case ASK -> "Ask whether to stop the local stack";
                            case KEEP -> "Keep the local stack running";
                            case STOP -> "Stop the local stack";
                        };
                    }

                    @Override
                    public dev.slipway.desktop.ui.window.StackOnClose fromString(String s) {
                        return dev.slipway.desktop.ui.window.StackOnClose.ASK;
                    }
                });
        stackOnCloseChoice.valueProperty().bindBidirectional(stackOnClose);
        portProblem.textProperty().bind(vm.portProblemProperty());
        portProblem.visibleProperty().bind(Bindings.isNotEmpty(vm.portProblemProperty()));
        portProblem.managedProperty().bind(portProblem.visibleProperty());
        checkSummary.textProperty().bind(vm.checkSummaryProperty());
        checkSummary.visibleProperty().bind(Bindings.isNotEmpty(vm.checkSummaryProperty()));
        checkSummary.managedProperty().bind(checkSummary.visibleProperty());
        vm.checksFailedProperty()
                .addListener(
                        (obs, old, failed) -> {
                            checkSummary.getStyleClass().removeAll("field-problem", "text-success");
                            checkSummary
                                    .getStyleClass()
                                    .add(failed ? "field-problem" : "text-success");
                        });
        fileLabel.setText("Saved in " + configFile + ". Changes apply to the next deploy.");
        ToggleGroup modes = new ToggleGroup();
        localRadio.setToggleGroup(modes);
        awsRadio.setToggleGroup(modes);
        Runnable showMode =
                () ->
                        modes.selectToggle(
                                vm.modeProperty().get() == Mode.AWS ? awsRadio : localRadio);
        showMode.run();
        vm.modeProperty().addListener((obs, old, now) -> showMode.run());
        modes.selectedToggleProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now != null) {
                                vm.modeProperty().set(now == awsRadio ? Mode.AWS : Mode.LOCAL);
                            }
                        });
        awsPane.disableProperty().bind(vm.awsModeProperty().not());

        baseDomainField.textProperty().bindBidirectional(vm.baseDomainProperty());
        proxyPortField.textProperty().bindBidirectional(vm.proxyPortProperty());
        profileField.textProperty().bindBidirectional(vm.profileProperty());
        regionField.textProperty().bindBidirectional(vm.regionProperty());
        bucketField.textProperty().bindBidirectional(vm.bucketProperty());
        clusterField.textProperty().bindBidirectional(vm.clusterProperty());
        taskDefinitionField.textProperty().bindBidirectional(vm.taskDefinitionProperty());
        containerField.textProperty().bindBidirectional(vm.containerNameProperty());
        subnetsField.textProperty().bindBidirectional(vm.subnetsProperty());
        securityGroupsField.textProperty().bindBidirectional(vm.securityGroupsProperty());
        publicIpBox.selectedProperty().bindBidirectional(vm.assignPublicIpProperty());
        redisField.textProperty().bindBidirectional(vm.redisUrlProperty());

        problemLabel.textProperty().bind(vm.problemProperty());
        problemLabel.visibleProperty().bind(Bindings.isNotEmpty(vm.problemProperty()));
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        savedLabel.textProperty().bind(vm.savedMessageProperty());
        busyIndicator.visibleProperty().bind(vm.busyProperty());

        checkList.setItems(vm.checks());
        checkList.setCellFactory(
                l ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(CheckResult r, boolean empty) {
                                super.updateItem(r, empty);
                                getStyleClass().removeAll("check-ok", "check-failed");
                                if (empty || r == null) {
                                    setText(null);
                                    return;
                                }
                                getStyleClass().add(r.ok() ? "check-ok" : "check-failed");
                                setText(
                                        (r.ok() ? "✓ " : "✕ ")
                                                + r.name()
                                                + (r.detail() == null || r.detail().isBlank()
                                                        ? ""
                                                        : ": " + r.detail()));
                                setWrapText(true);
                            }
                        });

        testButton.disableProperty().bind(vm.busyProperty());
        saveButton.disableProperty().bind(vm.busyProperty());
        testButton.setOnAction(e -> vm.testConnection());
        saveButton.setOnAction(e -> vm.save());
        closeButton.setOnAction(e -> close.run());
    }

    public Parent root() {
        return root;
    }
}
