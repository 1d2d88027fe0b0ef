package dev.slipway.desktop.ui.projects;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.projects.ProjectService;
import dev.slipway.desktop.projects.ProjectService.RemovalPlan;
import dev.slipway.desktop.projects.ProjectSummary;
import dev.slipway.desktop.promote.Promotions;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.browser.Browser;
import dev.slipway.desktop.ui.task.TaskRunner;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The projects screen: every project with its live URL and last status, the selected project's
 * deployments, and what can be done with them (redeploy, roll back, view a log, open, remove).
 */
public final class ProjectsViewModel {

    private final ProjectService projects;
    private final Promotions promotions;
    private final BiFunction<Slug, DeploymentId, String> deploymentUrls;
    private final DeployService deployer;
    private final TaskRunner tasks;
    private final Browser browser;
    private final BannerViewModel banner;
    private final Consumer<DeploymentHandle> onWatch;
    private java.util.function.BiConsumer<DeploymentHandle, dev.slipway.core.deployment.Manifest>
            onViewLog;

    private final ObservableList<ProjectSummary> list = FXCollections.observableArrayList();
    private final ObjectProperty<ProjectSummary> selected = new SimpleObjectProperty<>();
    private final ObservableList<DeploymentRow> deployments = FXCollections.observableArrayList();
    private final ObjectProperty<DeploymentRow> selectedDeployment = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<RemovalPlan> pendingRemoval = new ReadOnlyObjectWrapper<>();

    public ProjectsViewModel(
            ProjectService projects,
            DeployService deployer,
            TaskRunner tasks,
            Browser browser,
            BannerViewModel banner,
            Consumer<DeploymentHandle> onWatch) {
        this(projects, null, (p, id) -> null, deployer, tasks, browser, banner, onWatch);
    }

    /**
     * @param promotions makes a READY preview live (null: no Promote)
     * @param deploymentUrls the URL of one deployment (it reads the config: called off the UI
     *     thread)
     */
    public ProjectsViewModel(
            ProjectService projects,
            Promotions promotions,
            BiFunction<Slug, DeploymentId, String> deploymentUrls,
            DeployService deployer,
            TaskRunner tasks,
            Browser browser,
            BannerViewModel banner,
            Consumer<DeploymentHandle> onWatch) {
        this.projects = projects;
        this.promotions = promotions;
        this.deploymentUrls = deploymentUrls;
        this.deployer = deployer;
        this.tasks = tasks;
        this.browser = browser;
        this.banner = banner;
        this.onWatch = onWatch;
        selected.addListener(
                (obs, old, now) -> {
                    if (now == null) {
                        deployments.clear();
                    } else if (old == null
                            || !old.record().project().equals(now.record().project())) {
                        deployments.clear();
                        loadDeployments(now);
                    }
                });
    }

    /** Reloads the project list, keeping the selection when the project still exists. */
    public void refresh() {
        loading.set(true);
        String keep = selected.get() == null ? null : selected.get().record().project();
        tasks.run(
                "list projects",
                projects::list,
                result -> {
                    loading.set(false);
                    list.setAll(result);
                    ProjectSummary again =
                            keep == null
                                    ? null
                                    : result.stream()
                                            .filter(p -> p.record().project().equals(keep))
                                            .findFirst()
                                            .orElse(null);
                    if (again != null && selected.get() != null) {
                        selected.set(again);
                        loadDeployments(again);
                    } else {
                        selected.set(again);
                    }
                },
                error -> {
                    loading.set(false);
                    banner.showError("Listing projects", error);
                });
    }

    private void loadDeployments(ProjectSummary project) {
        Slug slug = Slug.of(project.record().project());
        String live = project.record().liveDeploymentId();
        tasks.run(
                "deployments of " + slug,
                () ->
                        projects.deployments(slug).stream()
                                .map(
                                        m ->
                                                new DeploymentRow(
                                                        m,
                                                        m.deploymentId().equals(live),
                                                        deploymentUrls.apply(
                                                                slug,
                                                                DeploymentId.of(m.deploymentId()))))
                                .toList(),
                rows -> {
                    if (selected.get() != null
                            && selected.get().record().project().equals(slug.value())) {
                        deployments.setAll(rows);
                    }
                },
                error -> banner.showError("Listing the deployments of " + slug, error));
    }

    /** Builds the selected project again from its repository with its saved settings. */
    public void redeploy() {
        ProjectSummary p = selected.get();
        if (p == null) {
            return;
        }
        DeployRequest request =
                new DeployRequest(
                        null, p.record().project(), p.record().settings(), Map.of(), false);
        tasks.run(
                "redeploy " + p.record().project(),
                () -> deployer.deploy(request),
                onWatch,
                error -> banner.showError("Redeploying " + p.record().project(), error));
    }

    /** Makes the given READY deployment live again. */
    public void rollBackTo(DeploymentRow row) {
        ProjectSummary p = selected.get();
        if (p == null || row == null) {
            return;
        }
        if (!row.canRollBackTo()) {
            banner.showError(
                    row.live()
                            ? row.id() + " is already live."
                            : row.id()
                                    + " did not build successfully ("
                                    + row.manifest().status()
                                    + "); only a READY deployment can go live.");
            return;
        }
        Slug slug = Slug.of(p.record().project());
        DeploymentId id = DeploymentId.of(row.id());
        tasks.run(
                "roll back " + slug + " to " + id,
                () -> projects.rollback(slug, id),
                nowLive -> {
                    banner.showInfo(slug + " now serves " + nowLive + ".");
                    refresh();
                },
                error -> banner.showError("Rolling back " + slug, error));
    }

    /** Makes a READY preview live (contract section 7, {@code promote}). */
    public void promote(DeploymentRow row) {
        ProjectSummary p = selected.get();
        if (p == null || row == null || promotions == null) {
            return;
        }
        if (!row.canPromote()) {
            banner.showError(
                    row.live()
                            ? row.id() + " is already live."
                            : !row.manifest().isReady()
                                    ? row.id()
                                            + " did not build successfully ("
                                            + row.manifest().status()
                                            + "); only a READY deployment can go live."
                                    : row.id()
                                            + " is not a preview; use Roll back to make it live"
                                            + " again.");
            return;
        }
        Slug slug = Slug.of(p.record().project());
        DeploymentId id = DeploymentId.of(row.id());
        tasks.run(
                "promote " + id,
                () -> promotions.promote(slug, id),
                done -> {
                    banner.showInfo(slug + " now serves the preview " + id + ".");
                    refresh();
                },
                error -> banner.showError("Promoting " + id, error));
    }

    /** Opens one deployment's own URL (a preview's, or an earlier build's). */
    public void openDeployment(DeploymentRow row) {
        if (row == null) {
            return;
        }
        if (row.url() == null || !row.manifest().isReady()) {
            banner.showError(
                    row.id()
                            + " has no site: it ended "
                            + row.status()
                            + "; open a READY deployment.");
            return;
        }
        Browser.openOrExplain(browser, tasks, banner, row.url());
    }

    /** Where View log shows a deployment with its manifest (its outcome is known at once). */
    public void setOnViewLog(
            java.util.function.BiConsumer<DeploymentHandle, dev.slipway.core.deployment.Manifest>
                    onViewLog) {
        this.onViewLog = onViewLog;
    }

    /** Shows a deployment's log (replayed from its start) in the deployment pane. */
    public void viewLog(DeploymentRow row) {
        ProjectSummary p = selected.get();
        if (p == null || row == null) {
            return;
        }
        DeploymentHandle handle =
                new DeploymentHandle(
                        Slug.of(p.record().project()), DeploymentId.of(row.id()), p.liveUrl());
        if (onViewLog != null) {
            onViewLog.accept(handle, row.manifest());
        } else {
            onWatch.accept(handle);
        }
    }

    /** The question before a rollback. */
    public static String rollbackQuestion(String project, DeploymentRow row) {
        return "Make "
                + row.id()
                + (row.commit().isEmpty() ? "" : " (" + row.commit() + ")")
                + " the live deployment of "
                + project
                + "? Visitors get it from now on; you can roll forward again the same way.";
    }

    /** Opens the selected project's live site. */
    public void open() {
        ProjectSummary p = selected.get();
        if (p == null) {
            return;
        }
        if (p.liveUrl() == null) {
            banner.showError(
                    p.record().project() + " has no live deployment yet; deploy it first.");
            return;
        }
        Browser.openOrExplain(browser, tasks, banner, p.liveUrl());
    }

    /** Asks what removing the selected project would delete; the view then asks the user. */
    public void requestRemoval() {
        ProjectSummary p = selected.get();
        if (p == null) {
            return;
        }
        Slug slug = Slug.of(p.record().project());
        tasks.run(
                "plan removal of " + slug,
                () -> projects.planRemoval(slug),
                pendingRemoval::set,
                error -> banner.showError("Preparing to remove " + slug, error));
    }

    /** The confirmation question naming everything that will be deleted. */
    public static String removalQuestion(RemovalPlan plan) {
        return String.format(
                Locale.ROOT,
                "Remove the project %s? This deletes its record, %d %s, %d build %s, its dependency cache"
                        + " and %d %s (%s) that no other project uses. Its site stops being served. This cannot be undone.",
                plan.project(),
                plan.deployments(),
                plan.deployments() == 1 ? "deployment" : "deployments",
                plan.logs(),
                plan.logs() == 1 ? "log" : "logs",
                plan.blobs(),
                plan.blobs() == 1 ? "file" : "files",
                bytes(plan.blobBytes()));
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** The user confirmed the pending removal. */
    public void confirmRemoval() {
        RemovalPlan plan = pendingRemoval.get();
        pendingRemoval.set(null);
        if (plan == null) {
            return;
        }
        tasks.run(
                "remove " + plan.project(),
                () -> projects.remove(plan.project()),
                done -> {
                    banner.showInfo("Removed " + plan.project() + ".");
                    selected.set(null);
                    refresh();
                },
                error -> banner.showError("Removing " + plan.project(), error));
    }

    public void cancelRemoval() {
        pendingRemoval.set(null);
    }

    public ObservableList<ProjectSummary> projects() {
        return list;
    }

    public ObjectProperty<ProjectSummary> selectedProperty() {
        return selected;
    }

    public ObservableList<DeploymentRow> deployments() {
        return deployments;
    }

    public ObjectProperty<DeploymentRow> selectedDeploymentProperty() {
        return selectedDeployment;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RemovalPlan> pendingRemovalProperty() {
        return pendingRemoval.getReadOnlyProperty();
    }
}
