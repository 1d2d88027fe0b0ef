package dev.slipway.desktop.ui.domains;

import dev.slipway.core.domain.DomainRecord;
import dev.slipway.desktop.ui.ViewLoader;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;

/** The Domains tab of a project: bindings to {@link DomainsViewModel} only. */
public final class DomainsView {

    @FXML private ListView<DomainRecord> domainList;
    @FXML private TextField hostField;
    @FXML private Button addDomainButton;
    @FXML private Button removeDomainButton;
    @FXML private Label hostProblem;

    private final Parent root;

    public DomainsView(DomainsViewModel vm) {
        root = ViewLoader.load(this, "domains.fxml");
        domainList.setItems(vm.domains());
        domainList.setCellFactory(
                l ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(DomainRecord d, boolean empty) {
                                super.updateItem(d, empty);
                                setText(empty || d == null ? null : d.host());
                            }
                        });
        hostField.textProperty().bindBidirectional(vm.newHostProperty());
        hostField.setOnAction(e -> vm.add());
        hostField.disableProperty().bind(vm.projectProperty().isNull());
        addDomainButton.disableProperty().bind(vm.canAddProperty().not());
        addDomainButton.setOnAction(e -> vm.add());
        var selected = domainList.getSelectionModel().selectedItemProperty();
        removeDomainButton.disableProperty().bind(selected.isNull().or(vm.busyProperty()));
        removeDomainButton.setOnAction(e -> vm.remove(selected.get()));
        hostProblem.textProperty().bind(vm.hostProblemProperty());
        hostProblem.visibleProperty().bind(Bindings.isNotEmpty(vm.hostProblemProperty()));
        hostProblem.managedProperty().bind(hostProblem.visibleProperty());
    }

    public Parent root() {
        return root;
    }
}
