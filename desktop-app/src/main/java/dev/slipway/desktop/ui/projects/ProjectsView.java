package dev.slipway.desktop.ui.projects;

import dev.slipway.desktop.projects.ProjectSummary;
import dev.slipway.desktop.ui.ViewLoader;
import java.time.ZoneId;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The projects list and the selected project's deployments table, with their actions. */
public final class ProjectsView {

    @FXML private Button refreshButton;
    @FXML private ListView<ProjectSummary> projectList;
    @FXML private Label projectTitle;
    @FXML private Hyperlink liveLink;
    @FXML private Label projectRepoLabel;
    @FXML private Button redeployButton;
    @FXML private Button openButton;
    @FXML private Button removeButton;
    @FXML private TableView<DeploymentRow> deploymentTable;
    @FXML private TableColumn<DeploymentRow, String> idColumn;
    @FXML private TableColumn<DeploymentRow, String> statusColumn;
    @FXML private TableColumn<DeploymentRow, String> commitColumn;
    @FXML private TableColumn<DeploymentRow, String> createdColumn;
    @FXML private TableColumn<DeploymentRow, String> durationColumn;
    @FXML private Button rollbackButton;
    @FXML private Button viewLogButton;
    @FXML private Button promoteButton;
    @FXML private Button openDeploymentButton;
    @FXML private TableColumn<DeploymentRow, String> urlColumn;
    @FXML private javafx.scene.control.TabPane projectTabs;
    @FXML private javafx.scene.control.Tab domainsTab;
    @FXML private javafx.scene.control.Tab variablesTab;
    @FXML private javafx.scene.layout.StackPane domainsHolder;
    @FXML private javafx.scene.layout.StackPane variablesHolder;

    private final Parent root;

    public ProjectsView(ProjectsViewModel vm, ZoneId zone) {
        this(vm, zone, java.time.Clock.systemUTC());
    }

    public ProjectsView(ProjectsViewModel vm, ZoneId zone, java.time.Clock clock) {
        this(vm, zone, clock, null, null);
    }

    /**
     * @param domains makes the Domains tab's content when the tab is first opened (null: no tab)
     * @param variables makes the Environment variables tab's content likewise (null: no tab)
     */
    public ProjectsView(
            ProjectsViewModel vm,
            ZoneId zone,
            java.time.Clock clock,
            java.util.function.Supplier<Parent> domains,
            java.util.function.Supplier<Parent> variables) {
        root = ViewLoader.load(this, "projects.fxml");
        // Built on first use: the window's first frame does not wait for them.
        fillOnFirstSelection(domainsTab, domainsHolder, domains);
        fillOnFirstSelection(variablesTab, variablesHolder, variables);
        domainsTab.disableProperty().bind(vm.selectedProperty().isNull());
        variablesTab.disableProperty().bind(vm.selectedProperty().isNull());
        refreshButton.setOnAction(e -> vm.refresh());
        refreshButton.disableProperty().bind(vm.loadingProperty());

        projectList.setItems(vm.projects());
        projectList.setCellFactory(l -> new ProjectCell());
        projectList
                .getSelectionModel()
                .selectedItemProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now != null) {
                                vm.selectedProperty().set(now);
                            }
                        });
        vm.selectedProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now == null) {
                                projectList.getSelectionModel().clearSelection();
                            } else if (projectList.getSelectionModel().getSelectedItem() != now) {
                                projectList.getSelectionModel().select(now);
                            }
                        });

        projectTitle
                .textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        vm.selectedProperty().get() == null
                                                ? "Select a project"
                                                : vm.selectedProperty().get().record().project(),
                                vm.selectedProperty()));
        liveLink.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        vm.selectedProperty().get() == null
                                                        || vm.selectedProperty().get().liveUrl()
                                                                == null
                                                ? ""
                                                : vm.selectedProperty().get().liveUrl(),
                                vm.selectedProperty()));
        liveLink.setOnAction(e -> vm.open());
        projectRepoLabel
                .textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        vm.selectedProperty().get() == null
                                                ? ""
                                                : "From "
                                                        + vm.selectedProperty()
                                                                .get()
                                                                .record()
                                                                .repoUrl(),
                                vm.selectedProperty()));
        var none = vm.selectedProperty().isNull();
        redeployButton.disableProperty().bind(none);
        openButton.disableProperty().bind(none);
        removeButton.disableProperty().bind(none);
        redeployButton.setOnAction(e -> vm.redeploy());
        openButton.setOnAction(e -> vm.open());
        removeButton.setOnAction(e -> vm.requestRemoval());

        deploymentTable.setItems(vm.deployments());
        column(idColumn, DeploymentRow::id);
        column(statusColumn, DeploymentRow::status);
        column(commitColumn, DeploymentRow::commit);
        createdColumn.setCellValueFactory(
                c ->
                        new ReadOnlyStringWrapper(
                                c.getValue().createdRelative(clock.instant(), zone)));
        createdColumn.setCellFactory(
                col ->
                        new javafx.scene.control.TableCell<>() {
                            @Override
                            protected void updateItem(String item, boolean empty) {
                                super.updateItem(item, empty);
                                DeploymentRow row =
                                        empty || getTableRow() == null
                                                ? null
                                                : getTableRow().getItem();
                                setText(empty ? null : item);
                                setTooltip(
                                        row == null
                                                ? null
                                                : new javafx.scene.control.Tooltip(
                                                        row.created(zone)));
                            }
                        });
        statusColumn.setCellFactory(
                col ->
                        new javafx.scene.control.TableCell<>() {
                            private final Label badge = new Label("Live");
                            private final Label previewBadge = new Label("Preview");

                            {
                                badge.getStyleClass().add("live-badge");
                                badge.setMinWidth(Region.USE_PREF_SIZE);
                                previewBadge.getStyleClass().add("preview-badge");
                                previewBadge.setMinWidth(Region.USE_PREF_SIZE);
                            }

                            @Override
                            protected void updateItem(String item, boolean empty) {
                                super.updateItem(item, empty);
                                DeploymentRow row =
                                        empty || getTableRow() == null
                                                ? null
                                                : getTableRow().getItem();
                                setText(empty ? null : item);
                                setGraphic(
                                        row == null
                                                ? null
                                                : row.live()
                                                        ? badge
                                                        : row.preview() ? previewBadge : null);
                                setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
                            }
                        });
        column(durationColumn, DeploymentRow::duration);
        urlColumn.setCellValueFactory(
                c ->
                        new ReadOnlyStringWrapper(
                                c.getValue().manifest().isReady() && c.getValue().url() != null
                                        ? c.getValue().url()
                                        : ""));
        urlColumn.setCellFactory(
                col ->
                        new javafx.scene.control.TableCell<>() {
                            private final Hyperlink link = new Hyperlink();

                            {
                                link.getStyleClass().add("deployment-url");
                                link.setOnAction(
                                        e -> {
                                            DeploymentRow row =
                                                    getTableRow() == null
                                                            ? null
                                                            : getTableRow().getItem();
                                            vm.openDeployment(row);
                                        });
                            }

                            @Override
                            protected void updateItem(String item, boolean empty) {
                                super.updateItem(item, empty);
                                link.setText(item);
                                setGraphic(empty || item == null || item.isEmpty() ? null : link);
                                setText(null);
                            }
                        });
        deploymentTable.setRowFactory(
                t -> {
                    TableRow<DeploymentRow> row =
                            new TableRow<>() {
                                @Override
                                protected void updateItem(DeploymentRow item, boolean empty) {
                                    super.updateItem(item, empty);
                                    getStyleClass().removeAll("live-row", "failed-row");
                                    if (!empty && item != null) {
                                        if (item.live()) {
                                            getStyleClass().add("live-row");
                                        } else if (!item.manifest().isReady()) {
                                            getStyleClass().add("failed-row");
                                        }
                                    }
                                }
                            };
                    row.setOnMouseClicked(
                            e -> {
                                if (e.getButton() == MouseButton.PRIMARY
                                        && e.getClickCount() == 2
                                        && !row.isEmpty()) {
                                    vm.viewLog(row.getItem());
                                }
                            });
                    return row;
                });
        deploymentTable.setOnKeyPressed(
                e -> {
                    if (e.getCode() == KeyCode.ENTER && selectedRow() != null) {
                        vm.viewLog(selectedRow());
                    }
                });
        var selectedRow = deploymentTable.getSelectionModel().selectedItemProperty();
        rollbackButton
                .disableProperty()
                .bind(
                        Bindings.createBooleanBinding(
                                () ->
                                        selectedRow.get() == null
                                                || !selectedRow.get().canRollBackTo(),
                                selectedRow));
        viewLogButton.disableProperty().bind(selectedRow.isNull());
        promoteButton
                .disableProperty()
                .bind(
                        Bindings.createBooleanBinding(
                                () -> selectedRow.get() == null || !selectedRow.get().canPromote(),
                                selectedRow));
        openDeploymentButton
                .disableProperty()
                .bind(
                        Bindings.createBooleanBinding(
                                () ->
                                        selectedRow.get() == null
                                                || selectedRow.get().url() == null
                                                || !selectedRow.get().manifest().isReady(),
                                selectedRow));
        promoteButton.setOnAction(e -> vm.promote(selectedRow()));
        openDeploymentButton.setOnAction(e -> vm.openDeployment(selectedRow()));
        rollbackButton.setOnAction(e -> confirmRollback(vm, selectedRow()));
        viewLogButton.setOnAction(e -> vm.viewLog(selectedRow()));

        vm.pendingRemovalProperty()
                .addListener(
                        (obs, old, plan) -> {
                            if (plan != null) {
                                confirmRemoval(vm, ProjectsViewModel.removalQuestion(plan));
                            }
                        });
    }

    private void fillOnFirstSelection(
            javafx.scene.control.Tab tab,
            javafx.scene.layout.StackPane holder,
            java.util.function.Supplier<Parent> content) {
        if (content == null) {
            projectTabs.getTabs().remove(tab);
            return;
        }
        tab.selectedProperty()
                .addListener(
                        (obs, was, now) -> {
                            if (now && holder.getChildren().isEmpty()) {
                                holder.getChildren().add(content.get());
                            }
                        });
    }

    private DeploymentRow selectedRow() {
        return deploymentTable.getSelectionModel().getSelectedItem();
    }

    private void confirmRollback(ProjectsViewModel vm, DeploymentRow row) {
        if (row == null || vm.selectedProperty().get() == null) {
            return;
        }
        if (!row.canRollBackTo()) {
            vm.rollBackTo(row);
            return;
        }
        ButtonType rollBack = new ButtonType("Roll back", ButtonBar.ButtonData.OK_DONE);
        Alert alert =
                new Alert(
                        Alert.AlertType.CONFIRMATION,
                        ProjectsViewModel.rollbackQuestion(
                                vm.selectedProperty().get().record().project(), row),
                        rollBack,
                        ButtonType.CANCEL);
        alert.setTitle("Roll back");
        alert.setHeaderText("Roll back to this deployment?");
        alert.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        alert.getDialogPane().getStyleClass().add("rollback-dialog");
        alert.setOnHidden(
                e -> {
                    if (alert.getResult() == rollBack) {
                        vm.rollBackTo(row);
                    }
                });
        alert.show();
    }

    private void confirmRemoval(ProjectsViewModel vm, String question) {
        ButtonType remove = new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, remove, ButtonType.CANCEL);
        alert.setTitle("Remove project");
        alert.setHeaderText("Remove this project?");
        alert.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        ((Button) alert.getDialogPane().lookupButton(remove)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.getDialogPane().getStyleClass().add("remove-dialog");
        alert.setOnHidden(
                e -> {
                    if (alert.getResult() == remove) {
                        vm.confirmRemoval();
                    } else {
                        vm.cancelRemoval();
                    }
                });
        alert.show();
    }

    private static void column(
            TableColumn<DeploymentRow, String> column, Function<DeploymentRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }

    public Parent root() {
        return root;
    }

    /** A project with its live URL and the status of its newest build. */
    private static final class ProjectCell extends ListCell<ProjectSummary> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(2, name, detail);

        ProjectCell() {
            name.getStyleClass().add("project-name");
            detail.getStyleClass().addAll("project-detail", "text-muted");
        }

        @Override
        protected void updateItem(ProjectSummary p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setGraphic(null);
                return;
            }
            name.setText(p.record().project());
            String status =
                    p.lastStatus() == null
                            ? "no builds"
                            : p.lastStatus().name().toLowerCase(java.util.Locale.ROOT);
            detail.setText((p.liveUrl() == null ? "not live" : p.liveUrl()) + " · " + status);
            setGraphic(box);
        }
    }
}
