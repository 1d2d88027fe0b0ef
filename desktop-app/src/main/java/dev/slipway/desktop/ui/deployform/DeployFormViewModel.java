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
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
    private final BooleanProperty preview = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper sourceHint = new ReadOnlyStringWrapper("");
    private final ObservableList<EnvVarRow> env =
            FXCollections.observableArrayList(
                    row -> new Observable[] {row.keyProperty(), row.valueProperty()});

    private final ReadOnlyStringWrapper repoProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper slugProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper envProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper deploying = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Duplicate> pendingDuplicate = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper suggestedSlug = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final StringProperty runningProject = new SimpleStringProperty();
    private final BooleanProperty localStackStopped = new SimpleBooleanProperty(false);
    private final ObservableList<String> recentRepositories = FXCollections.observableArrayList();
    private Consumer<DeployRequest> onStarted = r -> {};
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
                    suggestedSlug.set(suggestionFor(now));
                    sourceHint.set(sourceHintFor(now));
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
            slug.set(suggestionFor(url));
        } finally {
            suggesting = false;
        }
    }

    /**
     * What a local folder deploys: a plain folder (no Git) as its files are on disk; a repository
     * its commit, or its working tree when it has uncommitted changes. Empty for a URL.
     */
    static String sourceHintFor(String raw) {
        String s = raw == null ? "" : raw.trim();
        if (s.isEmpty()
                || s.startsWith("http://")
                || s.startsWith("https://")
                || s.startsWith("ssh://")
                || s.startsWith("git@")) {
            return "";
        }
        try {
            java.nio.file.Path folder =
                    s.startsWith("file://")
                            ? java.nio.file.Path.of(java.net.URI.create(s))
                            : java.nio.file.Path.of(
                                    s.startsWith("~")
                                            ? System.getProperty("user.home") + s.substring(1)
                                            : s);
            if (!java.nio.file.Files.isDirectory(folder)) {
                return "";
            }
            return java.nio.file.Files.exists(folder.resolve(".git"))
                    ? "A Git repository: its last commit is built, or the files as they are on disk"
                            + " when it has uncommitted changes."
                    : "A folder without Git: its files are deployed as they are on disk"
                            + " (.gitignore respected).";
        } catch (RuntimeException notAPath) {
            return "";
        }
    }

    private static String suggestionFor(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            return Slug.fromRepositoryUrl(url.trim()).value();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The slug the deploy uses: the one typed, else the suggestion (shown as the prompt). */
    private String effectiveSlug() {
        String s = slug.get() == null ? "" : slug.get().trim();
        return s.isEmpty() ? suggestedSlug.get() : s;
    }

    private void validate() {
        repoProblem.set(repoTouched ? repoProblemOf(repoUrl.get()).orElse("") : "");
        String s = effectiveSlug();
        slugProblem.set(s.isEmpty() && !repoTouched ? "" : Slug.problem(s).orElse(""));
        envProblem.set(envProblemOf().orElse(""));
    }

    static Optional<String> repoProblemOf(String raw) {
        String url = raw == null ? "" : raw.trim();
        if (url.isEmpty()) {
            return Optional.of(
                    "Enter the Git repository to deploy, such as https://github.com/you/site or a local folder.");
        }
        if (isLocalPath(url)) {
            // A folder's name may hold spaces ("My Notes"); the deploy checks that it exists.
            return Optional.empty();
        }
        if (url.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(
                    "A repository URL has no spaces; paste the URL you would give to git clone.");
        }
        if (url.startsWith("http://") || url.startsWith("https://") || url.startsWith("ssh://")) {
            return remoteProblem(url);
        }
        if (url.startsWith("file://")
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

    private static boolean isLocalPath(String url) {
        return url.startsWith("file://")
                || url.startsWith("/")
                || url.startsWith("~")
                || url.startsWith(".")
                || url.matches("^[A-Za-z]:[\\\\/].*");
    }

    /** An http(s) or ssh URL needs a host and a repository path. */
    private static Optional<String> remoteProblem(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
            if (uri.getHost() == null || uri.getHost().isBlank() || path.isEmpty()) {
                return Optional.of(
                        "'"
                                + url
                                + "' names no repository: write the whole address, such as"
                                + " https://github.com/you/site.");
            }
            return Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.of(
                    "'"
                            + url
                            + "' is not a valid URL; paste the address you would give to git clone.");
        }
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
                repoUrl.get().trim(), effectiveSlug(), settings, vars, force.get(), preview.get());
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
        if (request.slug().equals(runningProject.get())) {
            // Enter pressed again while the first build of this project runs.
            banner.showError(
                    request.slug()
                            + " is already building; wait for it to finish, or cancel it first.");
            return;
        }
        deploying.set(true);
        progressText.set(startingText());
        banner.dismiss();
        runningProject.set(request.slug());
        // The same deploy started seconds ago (from the CLI, or another window) and still running:
        // ask before starting a second identical build.
        tasks.run(
                "check for a deploy just started of " + request.slug(),
                () -> deployer.recentDuplicate(request),
                recent -> {
                    if (recent.isPresent()) {
                        deploying.set(false);
                        progressText.set("");
                        runningProject.set(null);
                        pendingDuplicate.set(new Duplicate(request, recent.get()));
                    } else {
                        start(request);
                    }
                },
                error -> failed(request, error));
    }

    /** The user chose to start the identical deploy anyway. */
    public void confirmDuplicate() {
        Duplicate d = pendingDuplicate.get();
        pendingDuplicate.set(null);
        if (d != null) {
            deploying.set(true);
            runningProject.set(d.request().slug());
            start(d.request().repeated());
        }
    }

    /** The user kept the deploy already running. */
    public void cancelDuplicate() {
        pendingDuplicate.set(null);
    }

    /** A deploy waiting for the user's answer: an identical one started moments ago. */
    public ReadOnlyObjectProperty<Duplicate> pendingDuplicateProperty() {
        return pendingDuplicate.getReadOnlyProperty();
    }

    /** An identical deploy found running, and the request that would repeat it. */
    public record Duplicate(DeployRequest request, DeployService.RecentDeploy recent) {
        /** The question the app asks. */
        public String question() {
            long seconds = Math.max(1, recent.age().toSeconds());
            return recent.project()
                    + " started the same deploy "
                    + seconds
                    + " s ago ("
                    + recent.id()
                    + ") and it is still running. Start another identical build?";
        }
    }

    private void start(DeployRequest request) {
        progressText.set(startingText());
        tasks.run(
                "deploy " + request.slug(),
                () -> deployer.deploy(request),
                handle -> {
                    deploying.set(false);
                    progressText.set("");
                    rememberRepository(request.repoUrl());
                    onStarted.accept(request);
                    onDeployed.accept(handle);
                },
                error -> failed(request, error));
    }

    private String startingText() {
        return localStackStopped.get()
                ? "Starting the local stack first (S3, Redis and the proxy; about 15 s the"
                        + " first time), then the build…"
                : "Starting the build…";
    }

    private void failed(DeployRequest request, Throwable error) {
        deploying.set(false);
        progressText.set("");
        runningProject.set(null);
        banner.showError("Deploying " + request.repoUrl(), error);
    }

    private void rememberRepository(String repo) {
        recentRepositories.remove(repo);
        recentRepositories.add(0, repo);
        if (recentRepositories.size() > dev.slipway.desktop.ui.window.WindowState.RECENT_LIMIT) {
            recentRepositories.remove(
                    dev.slipway.desktop.ui.window.WindowState.RECENT_LIMIT,
                    recentRepositories.size());
        }
    }

    /** Called after a deployment started (the app remembers the form then). */
    public void setOnStarted(Consumer<DeployRequest> onStarted) {
        this.onStarted = onStarted;
    }

    /** The form's fields, to remember between runs. */
    public dev.slipway.desktop.ui.window.FormMemory memory() {
        return new dev.slipway.desktop.ui.window.FormMemory(
                repoUrl.get(),
                slugSuggested ? null : slug.get(),
                ref.get(),
                rootDirectory.get(),
                installCommand.get(),
                buildCommand.get(),
                outputDirectory.get(),
                spa.get() == null ? null : spa.get().name());
    }

    /** Fills the form as it was left; the user has not touched it yet, so no complaint shows. */
    public void restore(dev.slipway.desktop.ui.window.FormMemory m, java.util.List<String> recent) {
        recentRepositories.setAll(recent);
        if (m == null) {
            return;
        }
        repoUrl.set(m.repoUrl() == null ? "" : m.repoUrl());
        if (m.slug() != null && !m.slug().isBlank()) {
            slug.set(m.slug());
        }
        ref.set(m.ref() == null ? "" : m.ref());
        rootDirectory.set(m.rootDirectory() == null ? "" : m.rootDirectory());
        installCommand.set(m.installCommand() == null ? "" : m.installCommand());
        buildCommand.set(m.buildCommand() == null ? "" : m.buildCommand());
        outputDirectory.set(m.outputDirectory() == null ? "" : m.outputDirectory());
        if (m.spa() != null) {
            try {
                spa.set(SpaMode.valueOf(m.spa()));
            } catch (IllegalArgumentException unknown) {
                spa.set(SpaMode.AUTO);
            }
        }
        repoTouched = false;
        validate();
    }

    /** The project whose build the window shows while it runs (null when none runs). */
    public StringProperty runningProjectProperty() {
        return runningProject;
    }

    /** Whether the local stack is stopped, so a deploy starts it first. */
    public BooleanProperty localStackStoppedProperty() {
        return localStackStopped;
    }

    /** The slug the form suggests from the repository (the slug field's prompt). */
    public ReadOnlyStringProperty suggestedSlugProperty() {
        return suggestedSlug.getReadOnlyProperty();
    }

    /** What the deploy is waiting for, next to the spinner. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ObservableList<String> recentRepositories() {
        return recentRepositories;
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

    /** Build without going live ({@code deploy --preview}); Promote makes it live later. */
    public BooleanProperty previewProperty() {
        return preview;
    }

    /** What the typed folder deploys (plain folder or Git repository); empty for a URL. */
    public ReadOnlyStringProperty sourceHintProperty() {
        return sourceHint.getReadOnlyProperty();
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
