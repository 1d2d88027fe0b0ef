package dev.slipway.desktop.ui.domains;

import dev.slipway.core.domain.DomainRecord;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.domains.Domains;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.task.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected project's custom domains ({@code domains add|ls|rm}): the hosts that serve its live
 * deployment, a field to add one (checked as it is typed) and Remove.
 */
public final class DomainsViewModel {

    private final Domains domains;
    private final TaskRunner tasks;
    private final BannerViewModel banner;

    private final ReadOnlyObjectWrapper<Slug> project = new ReadOnlyObjectWrapper<>();
    private final ObservableList<DomainRecord> list = FXCollections.observableArrayList();
    private final StringProperty newHost = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper hostProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding canAdd;

    public DomainsViewModel(Domains domains, TaskRunner tasks, BannerViewModel banner) {
        this.domains = domains;
        this.tasks = tasks;
        this.banner = banner;
        newHost.addListener(
                (obs, old, now) ->
                        hostProblem.set(
                                now == null || now.isBlank()
                                        ? ""
                                        : DomainRecord.hostProblem(now).orElse("")));
        canAdd =
                Bindings.createBooleanBinding(
                        () ->
                                project.get() != null
                                        && !busy.get()
                                        && !newHost.get().isBlank()
                                        && hostProblem.get().isEmpty(),
                        project,
                        busy,
                        newHost,
                        hostProblem);
    }

    /** Shows the domains of {@code slug} (null: no project selected). */
    public void show(Slug slug) {
        if (slug != null && slug.equals(project.get())) {
            return;
        }
        project.set(slug);
        list.clear();
        newHost.set("");
        reload();
    }

    /** Reads the project's domains again. */
    public void reload() {
        Slug slug = project.get();
        if (slug == null) {
            return;
        }
        tasks.run(
                "domains of " + slug,
                () -> domains.list(slug),
                result -> {
                    if (slug.equals(project.get())) {
                        list.setAll(result);
                    }
                },
                error -> banner.showError("Listing the domains of " + slug, error));
    }

    /** Gives the project the typed host; the proxies drop their cached pointer at once. */
    public void add() {
        Slug slug = project.get();
        if (!canAdd.get()) {
            if (slug != null && !hostProblem.get().isEmpty()) {
                banner.showError(hostProblem.get());
            }
            return;
        }
        String host = newHost.get().strip();
        busy.set(true);
        tasks.run(
                "add domain " + host,
                () -> domains.add(slug, host),
                record -> {
                    busy.set(false);
                    newHost.set("");
                    banner.showInfo(
                            record.host()
                                    + " now serves "
                                    + slug
                                    + ". Point its DNS at your proxy (docs/domains.md says how).");
                    reload();
                },
                error -> {
                    busy.set(false);
                    banner.showError("Adding " + host, error);
                });
    }

    /** Removes a host of the project. */
    public void remove(DomainRecord record) {
        Slug slug = project.get();
        if (slug == null || record == null) {
            return;
        }
        busy.set(true);
        tasks.run(
                "remove domain " + record.host(),
                () -> domains.remove(slug, record.host()),
                removed -> {
                    busy.set(false);
                    if (removed) {
                        banner.showInfo(record.host() + " no longer serves " + slug + ".");
                    } else {
                        banner.showError(record.host() + " was not a domain of " + slug + ".");
                    }
                    reload();
                },
                error -> {
                    busy.set(false);
                    banner.showError("Removing " + record.host(), error);
                });
    }

    public ReadOnlyObjectProperty<Slug> projectProperty() {
        return project.getReadOnlyProperty();
    }

    public ObservableList<DomainRecord> domains() {
        return list;
    }

    /** The host being typed. */
    public StringProperty newHostProperty() {
        return newHost;
    }

    /** What is wrong with the typed host; empty when it is fine (or empty). */
    public ReadOnlyStringProperty hostProblemProperty() {
        return hostProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding canAddProperty() {
        return canAdd;
    }
}
