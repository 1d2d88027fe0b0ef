package dev.slipway.desktop.ui.deployform;

import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.project.SpaMode;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.task.TaskRunner;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deploy form: repository, slug (suggested from the repository until the user types one, and
 * checked as it is typed with the contract's rule), the advanced build settings and environment
 * variables. {@link #deploy()} is possible only while everything is valid.
 */
public final class DeployFormViewModel {

    private static final Pattern ENV_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private final DeployService deployer;
    private final TaskRunner tasks;
    private final BannerViewModel banner;
    private final Consumer<DeploymentHandle> onDeployed;

    private final StringProperty repoUrl = new SimpleStringProperty("");
    private final StringProperty slug = new SimpleStringProperty("");
    private final StringProperty ref = new SimpleStringProperty("");
    private final StringProperty rootDirectory = new SimpleStringProperty("");
    private final StringProperty installCommand = new SimpleStringProperty("");
    private final StringProperty buildCommand = new SimpleStringProperty("");
    private final StringProperty outputDirectory = new SimpleStringProperty("");
    private final ObjectProperty<SpaMode> spa = new SimpleObjectProperty<>(SpaMode.AUTO);
    private final BooleanProperty force = new SimpleBooleanProperty(false);
    private final ObservableList<EnvVarRow> env =
            FXCollections.observableArrayList(
                    row -> new Observable[] {row.keyProperty(), row.valueProperty()});

    private final ReadOnlyStringWrapper repoProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper slugProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper envProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper deploying = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding valid;
    private final BooleanBinding canDeploy;

    /** Whether the slug field holds our suggestion (and so follows the repository URL). */
    private boolean slugSuggested = true;

    private boolean suggesting;

    /** Whether the user has typed in the repository field (no complaint before that). */
    private boolean repoTouched;

    public DeployFormViewModel(
            DeployService deployer,
            TaskRunner tasks,
            BannerViewModel banner,
            Consumer<DeploymentHandle> onDeployed) {
        this.deployer = deployer;
        this.tasks = tasks;
        this.banner = banner;
        this.onDeployed = onDeployed;

        repoUrl.addListener(
                (obs, old, now) -> {
                    repoTouched = true;
                    if (slugSuggested) {
                        suggestSlug(now);
                    }
                    validate();
                });
        slug.addListener(
                (obs, old, now) -> {
                    if (!suggesting) {
                        slugSuggested = now == null || now.isBlank();
                    }
                    validate();
                });
        env.addListener((javafx.collections.ListChangeListener<EnvVarRow>) c -> validate());
        valid =
                Bindings.createBooleanBinding(
                        () ->
                                repoProblem.get().isEmpty()
                                        && slugProblem.get().isEmpty()
                                        && envProblem.get().isEmpty()
                                        && !repoUrl.get().isBlank(),
                        repoProblem,
                        slugProblem,
                        envProblem,
                        repoUrl);
        canDeploy = valid.and(deploying.not());
    }

    private void suggestSlug(String url) {
        suggesting = true;
        try {
            slug.set(url == null || url.isBlank() ? "" : Slug.fromRepositoryUrl(url).value());
        } finally {
            suggesting = false;
        }
    }

    private void validate() {
        repoProblem.set(repoTouched ? repoProblemOf(repoUrl.get()).orElse("") : "");
        String s = slug.get();
        slugProblem.set(
                (s == null || s.isEmpty()) && !repoTouched ? "" : Slug.problem(s).orElse(""));
        envProblem.set(envProblemOf().orElse(""));
    }

    static Optional<String> repoProblemOf(String raw) {
        String url = raw == null ? "" : raw.trim();
        if (url.isEmpty()) {
            return Optional.of(
                    "Enter the Git repository to deploy, such as https://github.com/you/site or a local folder.");
        }
        if (url.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(
                    "A repository URL has no spaces; paste the URL you would give to git clone.");
        }
        if (url.startsWith("http://")
                || url.startsWith("https://")
                || url.startsWith("file://")
                || url.startsWith("ssh://")
                || url.startsWith("git@")
                || url.startsWith("/")
                || url.startsWith("~")
                || url.startsWith(".")
                || url.matches("^[A-Za-z]:[\\\\/].*")) {
            return Optional.empty();
        }
        return Optional.of(
                "'"
                        + url
                        + "' is not a repository URL: use https://host/owner/repo or a local folder's path.");
    }

    private Optional<String> envProblemOf() {
        Set<String> seen = new HashSet<>();
        for (EnvVarRow row : env) {
            if (row.isBlank()) {
                continue;
            }
            String key = row.key();
            if (!ENV_KEY.matcher(key).matches()) {
                return Optional.of(
                        key.isEmpty()
                                ? "An environment variable has a value but no name; name it or remove the row."
                                : "'"
                                        + key
                                        + "' is not a variable name: use letters, digits and '_', not starting with a digit.");
            }
            if (!seen.add(key)) {
                return Optional.of("The variable " + key + " is set twice; keep one row for it.");
            }
        }
        return Optional.empty();
    }

    /** Adds an empty row to the environment table. */
    public EnvVarRow addEnvVar() {
        EnvVarRow row = new EnvVarRow();
        env.add(row);
        return row;
    }

    public void removeEnvVar(EnvVarRow row) {
        env.remove(row);
    }

    /** The request the form describes. */
    public DeployRequest request() {
        Map<String, String> vars = new LinkedHashMap<>();
        for (EnvVarRow row : env) {
            if (!row.isBlank()) {
                vars.put(row.key(), row.value());
            }
        }
        ProjectSettings settings =
                new ProjectSettings(
                        blankToNull(ref.get()),
                        blankToNull(rootDirectory.get()),
                        blankToNull(installCommand.get()),
                        blankToNull(buildCommand.get()),
                        blankToNull(outputDirectory.get()),
                        spa.get());
        return new DeployRequest(
                repoUrl.get().trim(), slug.get().trim(), settings, vars, force.get());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Starts the deployment; nothing while the form is invalid or a start is in flight. */
    public void deploy() {
        repoTouched = true;
        validate();
        if (!canDeploy.get()) {
            return;
        }
        DeployRequest request = request();
        deploying.set(true);
        banner.dismiss();
        tasks.run(
                "deploy " + request.slug(),
                () -> deployer.deploy(request),
                handle -> {
                    deploying.set(false);
                    onDeployed.accept(handle);
                },
                error -> {
                    deploying.set(false);
                    banner.showError("Deploying " + request.repoUrl(), error);
                });
    }

    public StringProperty repoUrlProperty() {
        return repoUrl;
    }

    public StringProperty slugProperty() {
        return slug;
    }

    public StringProperty refProperty() {
        return ref;
    }

    public StringProperty rootDirectoryProperty() {
        return rootDirectory;
    }

    public StringProperty installCommandProperty() {
        return installCommand;
    }

    public StringProperty buildCommandProperty() {
        return buildCommand;
    }

    public StringProperty outputDirectoryProperty() {
        return outputDirectory;
    }

    public ObjectProperty<SpaMode> spaProperty() {
        return spa;
    }

    public BooleanProperty forceProperty() {
        return force;
    }

    public ObservableList<EnvVarRow> env() {
        return env;
    }

    public ReadOnlyStringProperty repoProblemProperty() {
        return repoProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty slugProblemProperty() {
        return slugProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty envProblemProperty() {
        return envProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty deployingProperty() {
        return deploying.getReadOnlyProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public BooleanBinding canDeployProperty() {
        return canDeploy;
    }
}
