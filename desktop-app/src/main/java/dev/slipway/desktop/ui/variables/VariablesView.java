package dev.slipway.desktop.ui.variables;

import dev.slipway.desktop.ui.ViewLoader;
import dev.slipway.desktop.variables.BuildVariablesService.Variable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/**
 * The Environment variables tab of a project: bindings to {@link VariablesViewModel} only. A
 * secret's value is typed in a password field and shown masked.
 */
public final class VariablesView {

    @FXML private TableView<Variable> variableTable;
    @FXML private TableColumn<Variable, String> nameColumn;
    @FXML private TableColumn<Variable, String> valueColumn;
    @FXML private TextField nameField;
    @FXML private TextField valueField;
    @FXML private PasswordField secretValueField;
    @FXML private CheckBox secretBox;
    @FXML private Button addVariableButton;
    @FXML private Button removeVariableButton;
    @FXML private Label nameProblem;

    private final Parent root;

    public VariablesView(VariablesViewModel vm) {
        root = ViewLoader.load(this, "variables.fxml");
        variableTable.setItems(vm.variables());
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        valueColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(VariablesViewModel.shownValue(c.getValue())));
        nameField.textProperty().bindBidirectional(vm.newNameProperty());
        valueField.textProperty().bindBidirectional(vm.newValueProperty());
        secretValueField.textProperty().bindBidirectional(vm.newValueProperty());
        secretBox.selectedProperty().bindBidirectional(vm.secretProperty());
        valueField.visibleProperty().bind(vm.secretProperty().not());
        secretValueField.visibleProperty().bind(vm.secretProperty());
        var none = vm.projectProperty().isNull();
        nameField.disableProperty().bind(none);
        valueField.disableProperty().bind(none);
        secretValueField.disableProperty().bind(none);
        secretBox.disableProperty().bind(none);
        addVariableButton.disableProperty().bind(vm.canAddProperty().not());
        addVariableButton.setOnAction(e -> vm.add());
        valueField.setOnAction(e -> vm.add());
        secretValueField.setOnAction(e -> vm.add());
        var selected = variableTable.getSelectionModel().selectedItemProperty();
        removeVariableButton.disableProperty().bind(selected.isNull().or(vm.busyProperty()));
        removeVariableButton.setOnAction(e -> vm.remove(selected.get()));
        nameProblem.textProperty().bind(vm.nameProblemProperty());
        nameProblem.visibleProperty().bind(Bindings.isNotEmpty(vm.nameProblemProperty()));
        nameProblem.managedProperty().bind(nameProblem.visibleProperty());
    }

    public Parent root() {
        return root;
    }
}
