package dev.slipway.desktop.ui.variables;

import dev.slipway.core.project.Slug;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.task.TaskRunner;
import dev.slipway.desktop.variables.BuildVariables;
import dev.slipway.desktop.variables.BuildVariablesService.Variable;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected project's saved build variables ({@code env ls|add|rm}), used by every later deploy:
 * plain ones with their value, secret ones masked (their value is never read back).
 */
public final class VariablesViewModel {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    /** What the table shows instead of a secret's value. */
    public static final String MASK = "•••••• (secret)";

    private final BuildVariables variables;
    private final TaskRunner tasks;
    private final BannerViewModel banner;

    private final ReadOnlyObjectWrapper<Slug> project = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Variable> list = FXCollections.observableArrayList();
    private final StringProperty newName = new SimpleStringProperty("");
    private final StringProperty newValue = new SimpleStringProperty("");
    private final BooleanProperty secret = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper nameProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding canAdd;

    public VariablesViewModel(BuildVariables variables, TaskRunner tasks, BannerViewModel banner) {
        this.variables = variables;
        this.tasks = tasks;
        this.banner = banner;
        newName.addListener((obs, old, now) -> nameProblem.set(problemOf(now)));
        canAdd =
                Bindings.createBooleanBinding(
                        () ->
                                project.get() != null
                                        && !busy.get()
                                        && !newName.get().isBlank()
                                        && nameProblem.get().isEmpty(),
                        project,
                        busy,
                        newName,
                        nameProblem);
    }

    private static String problemOf(String name) {
        if (name == null || name.isBlank() || NAME.matcher(name.strip()).matches()) {
            return "";
        }
        return "'"
                + name.strip()
                + "' is not a variable name: use letters, digits and '_', not starting with a digit.";
    }

    /** The value column's text: the value, or a mask for a secret. */
    public static String shownValue(Variable v) {
        return v.secret() ? MASK : v.value() == null ? "" : v.value();
    }

    /** Shows the variables of {@code slug} (null: no project selected). */
    public void show(Slug slug) {
        if (slug != null && slug.equals(project.get())) {
            return;
        }
        project.set(slug);
        list.clear();
        clearFields();
        reload();
    }

    private void clearFields() {
        newName.set("");
        newValue.set("");
        secret.set(false);
    }

    /** Reads the project's variables again. */
    public void reload() {
        Slug slug = project.get();
        if (slug == null) {
            return;
        }
        tasks.run(
                "variables of " + slug,
                () -> variables.list(slug),
                result -> {
                    if (slug.equals(project.get())) {
                        list.setAll(result);
                    }
                },
                error -> banner.showError("Listing the variables of " + slug, error));
    }

    /** Saves the typed variable (replacing one of that name); the next deploy uses it. */
    public void add() {
        Slug slug = project.get();
        if (!canAdd.get()) {
            if (slug != null && !nameProblem.get().isEmpty()) {
                banner.showError(nameProblem.get());
            }
            return;
        }
        String name = newName.get().strip();
        String value = newValue.get() == null ? "" : newValue.get();
        boolean isSecret = secret.get();
        busy.set(true);
        tasks.run(
                "save variable " + name,
                () -> variables.add(slug, name, value, isSecret),
                () -> {
                    busy.set(false);
                    clearFields();
                    banner.showInfo(
                            (isSecret ? "Saved the secret " : "Saved ")
                                    + name
                                    + " for "
                                    + slug
                                    + "; the next deploy uses it.");
                    reload();
                },
                error -> {
                    busy.set(false);
                    banner.showError("Saving " + name, error);
                });
    }

    /** Removes a saved variable of the project. */
    public void remove(Variable v) {
        Slug slug = project.get();
        if (slug == null || v == null) {
            return;
        }
        busy.set(true);
        tasks.run(
                "remove variable " + v.name(),
                () -> variables.remove(slug, v.name()),
                removed -> {
                    busy.set(false);
                    if (removed) {
                        banner.showInfo("Removed " + v.name() + " from " + slug + ".");
                    } else {
                        banner.showError(slug + " has no variable " + v.name() + ".");
                    }
                    reload();
                },
                error -> {
                    busy.set(false);
                    banner.showError("Removing " + v.name(), error);
                });
    }

    public ReadOnlyObjectProperty<Slug> projectProperty() {
        return project.getReadOnlyProperty();
    }

    public ObservableList<Variable> variables() {
        return list;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public StringProperty newValueProperty() {
        return newValue;
    }

    /** Whether the typed variable is saved as a secret (masked, kept out of the record). */
    public BooleanProperty secretProperty() {
        return secret;
    }

    public ReadOnlyStringProperty nameProblemProperty() {
        return nameProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding canAddProperty() {
        return canAdd;
    }
}
