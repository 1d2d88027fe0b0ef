package dev.slipway.desktop.ui.deployform;

import dev.slipway.core.project.SpaMode;
import dev.slipway.desktop.ui.ViewLoader;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.util.StringConverter;

/**
 * The deploy form: binds the fields to {@link DeployFormViewModel}; Enter (default button) deploys.
 */
public final class DeployFormView {

    @FXML private Label repoLabel;
    @FXML private Label slugLabel;
    @FXML private TextField repoField;
    @FXML private Label repoProblem;
    @FXML private TextField slugField;
    @FXML private Label slugProblem;
    @FXML private TitledPane advanced;
    @FXML private TextField refField;
    @FXML private TextField rootField;
    @FXML private TextField installField;
    @FXML private TextField buildField;
    @FXML private TextField outputField;
    @FXML private ComboBox<SpaMode> spaChoice;
    @FXML private CheckBox forceBox;
    @FXML private TableView<EnvVarRow> envTable;
    @FXML private TableColumn<EnvVarRow, String> envKeyColumn;
    @FXML private TableColumn<EnvVarRow, String> envValueColumn;
    @FXML private Button addEnvButton;
    @FXML private Button removeEnvButton;
    @FXML private Label envProblem;
    @FXML private Button deployButton;
    @FXML private ProgressIndicator deployingIndicator;
    @FXML private Label progressLabel;
    @FXML private Button folderButton;
    @FXML private CheckBox previewBox;
    @FXML private Label sourceHint;
    @FXML private javafx.scene.control.MenuButton recentButton;

    private final Parent root;

    public DeployFormView(DeployFormViewModel vm) {
        root = ViewLoader.load(this, "deploy-form.fxml");
        repoLabel.setLabelFor(repoField);
        slugLabel.setLabelFor(slugField);
        repoField.textProperty().bindBidirectional(vm.repoUrlProperty());
        slugField.textProperty().bindBidirectional(vm.slugProperty());
        refField.textProperty().bindBidirectional(vm.refProperty());
        rootField.textProperty().bindBidirectional(vm.rootDirectoryProperty());
        installField.textProperty().bindBidirectional(vm.installCommandProperty());
        buildField.textProperty().bindBidirectional(vm.buildCommandProperty());
        outputField.textProperty().bindBidirectional(vm.outputDirectoryProperty());
        forceBox.selectedProperty().bindBidirectional(vm.forceProperty());
        previewBox.selectedProperty().bindBidirectional(vm.previewProperty());
        deployButton
                .textProperty()
                .bind(
                        Bindings.when(vm.previewProperty())
                                .then("Deploy preview")
                                .otherwise("Deploy"));
        sourceHint.textProperty().bind(vm.sourceHintProperty());
        sourceHint.visibleProperty().bind(Bindings.isNotEmpty(vm.sourceHintProperty()));
        sourceHint.managedProperty().bind(sourceHint.visibleProperty());
        spaChoice.getItems().setAll(SpaMode.values());
        spaChoice.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(SpaMode mode) {
                        if (mode == null) {
                            return "";
                        }
                        return switch (mode) {
                            case AUTO -> "Detect (index.html and no 404.html)";
                            case TRUE -> "Yes: unknown paths get index.html";
                            case FALSE -> "No: unknown paths get 404";
                        };
                    }

                    @Override
                    public SpaMode fromString(String s) {
                        return SpaMode.AUTO;
                    }
                });
        spaChoice.valueProperty().bindBidirectional(vm.spaProperty());

        showProblem(repoProblem, vm.repoProblemProperty());
        showProblem(slugProblem, vm.slugProblemProperty());
        showProblem(envProblem, vm.envProblemProperty());

        envTable.setItems(vm.env());
        envKeyColumn.setCellValueFactory(c -> c.getValue().keyProperty());
        envKeyColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        envValueColumn.setCellValueFactory(c -> c.getValue().valueProperty());
        envValueColumn.setCellFactory(column -> new MaskedCell());
        addEnvButton.setOnAction(
                e -> {
                    EnvVarRow row = vm.addEnvVar();
                    int index = vm.env().indexOf(row);
                    envTable.getSelectionModel().select(index);
                    envTable.edit(index, envKeyColumn);
                });
        removeEnvButton
                .disableProperty()
                .bind(envTable.getSelectionModel().selectedItemProperty().isNull());
        removeEnvButton.setOnAction(
                e -> vm.removeEnvVar(envTable.getSelectionModel().getSelectedItem()));

        deployButton.disableProperty().bind(vm.canDeployProperty().not());
        deployButton.setOnAction(e -> vm.deploy());
        vm.pendingDuplicateProperty()
                .addListener(
                        (obs, old, duplicate) -> {
                            if (duplicate != null) {
                                confirmDuplicate(vm, duplicate);
                            }
                        });
        deployingIndicator.visibleProperty().bind(vm.deployingProperty());
        progressLabel.textProperty().bind(vm.progressTextProperty());
        slugField.promptTextProperty().bind(vm.suggestedSlugProperty());
        folderButton.setOnAction(
                e -> {
                    javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
                    chooser.setTitle("Choose a folder to deploy (with or without Git)");
                    java.io.File dir = chooser.showDialog(root.getScene().getWindow());
                    if (dir != null) {
                        vm.repoUrlProperty().set(dir.getAbsolutePath());
                    }
                });
        Runnable recent =
                () -> {
                    recentButton
                            .getItems()
                            .setAll(
                                    vm.recentRepositories().stream()
                                            .map(
                                                    repo -> {
                                                        javafx.scene.control.MenuItem item =
                                                                new javafx.scene.control.MenuItem(
                                                                        repo);
                                                        item.setMnemonicParsing(false);
                                                        item.setOnAction(
                                                                a ->
                                                                        vm.repoUrlProperty()
                                                                                .set(repo));
                                                        return item;
                                                    })
                                            .toList());
                    recentButton.setDisable(vm.recentRepositories().isEmpty());
                };
        recent.run();
        vm.recentRepositories()
                .addListener((javafx.collections.ListChangeListener<String>) c -> recent.run());
    }

    private static void showProblem(Label label, javafx.beans.value.ObservableStringValue problem) {
        label.textProperty().bind(problem);
        label.visibleProperty().bind(Bindings.isNotEmpty(problem));
        label.managedProperty().bind(label.visibleProperty());
    }

    public Parent root() {
        return root;
    }

    /** A value cell that shows dots and edits in a password field. */
    private static final class MaskedCell extends TableCell<EnvVarRow, String> {
        private final PasswordField editor = new PasswordField();

        MaskedCell() {
            editor.setOnAction(e -> commitEdit(editor.getText()));
            editor.focusedProperty()
                    .addListener(
                            (obs, was, now) -> {
                                if (!now && isEditing()) {
                                    commitEdit(editor.getText());
                                }
                            });
        }

        @Override
        public void startEdit() {
            super.startEdit();
            if (isEditing()) {
                editor.setText(getItem());
                setText(null);
                setGraphic(editor);
                editor.requestFocus();
            }
        }

        @Override
        public void cancelEdit() {
            super.cancelEdit();
            show(getItem());
        }

        @Override
        public void commitEdit(String value) {
            super.commitEdit(value);
            EnvVarRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (row != null) {
                row.valueProperty().set(value);
            }
            show(value);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty) {
                setText(null);
                setGraphic(null);
            } else if (isEditing()) {
                setGraphic(editor);
            } else {
                show(item);
            }
        }

        private void show(String value) {
            setGraphic(null);
            setText(
                    value == null || value.isEmpty()
                            ? ""
                            : "•".repeat(Math.min(12, value.length())));
        }
    }

    /** Asks before a second identical build; "Keep the running one" is the default. */
    private void confirmDuplicate(DeployFormViewModel vm, DeployFormViewModel.Duplicate duplicate) {
        ButtonType again = new ButtonType("Deploy again", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep the running one", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, duplicate.question(), again, keep);
        alert.setTitle("Deploy again?");
        alert.setHeaderText("This deploy is already running");
        alert.initOwner(
                deployButton.getScene() == null ? null : deployButton.getScene().getWindow());
        ((Button) alert.getDialogPane().lookupButton(again)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(keep)).setDefaultButton(true);
        alert.getDialogPane().getStyleClass().add("duplicate-dialog");
        alert.setOnHidden(
                e -> {
                    if (alert.getResult() == again) {
                        vm.confirmDuplicate();
                    } else {
                        vm.cancelDuplicate();
                    }
                });
        alert.show();
    }
}
