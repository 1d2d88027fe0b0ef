package dev.slipway.desktop.ui.settings;

import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.ConfigException;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.json.Json;
import dev.slipway.desktop.doctor.CheckResult;
import dev.slipway.desktop.doctor.DoctorService;
import dev.slipway.desktop.ui.banner.UserMessages;
import dev.slipway.desktop.ui.task.TaskRunner;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
 * The settings dialog: mode, the AWS fields of {@code config.json}, base domain and proxy port.
 * Loads and saves through {@link ConfigStore} and checks the values with the same rules it reads
 * them with. Test connection runs the doctor checks on the values as typed, before saving.
 * Credentials are never asked for nor written: AWS uses the SDK's chain with the profile.
 */
public final class SettingsViewModel {

    private final ConfigStore store;
    private final DoctorService doctor;
    private final TaskRunner tasks;

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.LOCAL);
    private final StringProperty baseDomain = new SimpleStringProperty("");
    private final StringProperty proxyPort = new SimpleStringProperty("");
    private final StringProperty profile = new SimpleStringProperty("");
    private final StringProperty region = new SimpleStringProperty("");
    private final StringProperty bucket = new SimpleStringProperty("");
    private final StringProperty cluster = new SimpleStringProperty("");
    private final StringProperty taskDefinition = new SimpleStringProperty("");
    private final StringProperty containerName = new SimpleStringProperty("");
    private final StringProperty subnets = new SimpleStringProperty("");
    private final StringProperty securityGroups = new SimpleStringProperty("");
    private final BooleanProperty assignPublicIp = new SimpleBooleanProperty(true);
    private final StringProperty redisUrl = new SimpleStringProperty("");

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper portProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper checkSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checksFailed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper savedMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<CheckResult> checks = FXCollections.observableArrayList();
    private final BooleanBinding awsMode = mode.isEqualTo(Mode.AWS);
    private Runnable onSaved = () -> {};

    public SettingsViewModel(ConfigStore store, DoctorService doctor, TaskRunner tasks) {
        this.store = store;
        this.doctor = doctor;
        this.tasks = tasks;
        // The port is checked as it is typed, next to its field.
        proxyPort.addListener((obs, old, now) -> portProblem.set(portProblemOf(now).orElse("")));
    }

    private static Optional<String> portProblemOf(String raw) {
        try {
            parsePort(raw);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** In AWS mode the fields a build cannot run without, named in one sentence. */
    private Optional<String> awsProblem() {
        if (mode.get() != Mode.AWS) {
            return Optional.empty();
        }
        List<String> missing = new java.util.ArrayList<>();
        if (bucket.get() == null || bucket.get().isBlank()) {
            missing.add("Bucket");
        }
        if (subnets.get() == null || subnets.get().isBlank()) {
            missing.add("Subnets");
        }
        if (redisUrl.get() == null || redisUrl.get().isBlank()) {
            missing.add("Redis URL");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                "AWS mode needs "
                        + String.join(", ", missing)
                        + ": fill "
                        + (missing.size() == 1 ? "it" : "them")
                        + " in (slipway aws init --stack prints them), or choose local mode.");
    }

    /** Called after a successful save (the status bar refreshes). */
    public void setOnSaved(Runnable onSaved) {
        this.onSaved = onSaved;
    }

    /** Fills the fields from {@code config.json} (defaults when it does not exist). */
    public void load() {
        busy.set(true);
        problem.set("");
        savedMessage.set("");
        checks.clear();
        tasks.run(
                "load settings",
                store::load,
                config -> {
                    busy.set(false);
                    show(config);
                },
                error -> {
                    busy.set(false);
                    show(SlipwayConfig.defaults());
                    problem.set(
                            UserMessages.sentence(error)
                                    + " Saving writes a new file with the values shown.");
                });
    }

    void show(SlipwayConfig c) {
        mode.set(c.mode());
        baseDomain.set(c.baseDomain());
        proxyPort.set(String.valueOf(c.proxyPort()));
        AwsSettings a = c.aws();
        profile.set(a.profile());
        region.set(a.region());
        bucket.set(nullToEmpty(a.bucket()));
        cluster.set(a.cluster());
        taskDefinition.set(a.taskDefinition());
        containerName.set(a.containerName());
        subnets.set(String.join(", ", a.subnets()));
        securityGroups.set(String.join(", ", a.securityGroups()));
        assignPublicIp.set(a.assignPublicIp());
        redisUrl.set(nullToEmpty(a.redisUrl()));
    }

    /**
     * The config the fields describe, checked with {@link ConfigStore}'s own rules.
     *
     * @throws IllegalArgumentException with a sentence naming the field to fix
     */
    public SlipwayConfig toConfig() {
        Integer port = parsePort(proxyPort.get());
        awsProblem()
                .ifPresent(
                        message -> {
                            throw new IllegalArgumentException(message);
                        });
        String redis = emptyToNull(redisUrl.get());
        problemIn(redis)
                .ifPresent(
                        message -> {
                            throw new IllegalArgumentException(message);
                        });
        SlipwayConfig config =
                new SlipwayConfig(
                        mode.get(),
                        emptyToNull(baseDomain.get()),
                        port,
                        new AwsSettings(
                                emptyToNull(profile.get()),
                                emptyToNull(region.get()),
                                emptyToNull(bucket.get()),
                                emptyToNull(cluster.get()),
                                emptyToNull(taskDefinition.get()),
                                emptyToNull(containerName.get()),
                                list(subnets.get()),
                                list(securityGroups.get()),
                                assignPublicIp.get(),
                                redis));
        // The same checks as reading the file, so what is saved can always be read back.
        try {
            return store.parse(Json.pretty().toJson(config));
        } catch (ConfigException e) {
            String m = e.getMessage();
            int colon = m.indexOf(": ");
            throw new IllegalArgumentException(colon >= 0 ? m.substring(colon + 2) : m, e);
        }
    }

    private static Integer parsePort(String raw) {
        String s = raw == null ? "" : raw.trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // Falls through to the sentence below, which says what a port looks like.
        }
        throw new IllegalArgumentException(
                "The proxy port must be a number from 1 to 65535, such as 8000; '"
                        + s
                        + "' is not.");
    }

    /**
     * A sentence when the Redis URL is not a URL. A password in it is allowed: contract section 8
     * keeps {@code aws.redisUrl} in config.json, which {@link ConfigStore} writes readable by its
     * owner only, and nothing prints it unmasked.
     */
    static Optional<String> problemIn(String redisUrl) {
        if (redisUrl == null) {
            return Optional.empty();
        }
        try {
            URI.create(redisUrl);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("The Redis URL is not a valid URL; write it as rediss://host:6379.");
        }
    }

    private static List<String> list(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split("[,\\s]+"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Checks and writes {@code config.json}. */
    public void save() {
        savedMessage.set("");
        SlipwayConfig config;
        try {
            config = toConfig();
        } catch (RuntimeException invalid) {
            problem.set(UserMessages.sentence(invalid));
            return;
        }
        problem.set("");
        busy.set(true);
        tasks.run(
                "save settings",
                () -> store.save(config),
                () -> {
                    busy.set(false);
                    show(config);
                    savedMessage.set("Saved to " + store.file() + ".");
                    onSaved.run();
                },
                error -> {
                    busy.set(false);
                    problem.set(UserMessages.sentence(error));
                });
    }

    /** Runs the doctor checks against the values as typed, one result per check. */
    public void testConnection() {
        SlipwayConfig config;
        try {
            config = toConfig();
        } catch (RuntimeException invalid) {
            problem.set(UserMessages.sentence(invalid));
            return;
        }
        problem.set("");
        checks.clear();
        checkSummary.set("");
        checksFailed.set(false);
        busy.set(true);
        tasks.run(
                "test connection",
                () -> doctor.run(config),
                results -> {
                    busy.set(false);
                    // Failures first, and a summary that never reads as "all is well" when not.
                    List<CheckResult> sorted = new java.util.ArrayList<>(results);
                    sorted.sort((a, b) -> Boolean.compare(a.ok(), b.ok()));
                    checks.setAll(sorted);
                    long failed = results.stream().filter(r -> !r.ok()).count();
                    checksFailed.set(failed > 0);
                    checkSummary.set(
                            failed == 0
                                    ? "All " + results.size() + " checks passed."
                                    : failed
                                            + " of "
                                            + results.size()
                                            + (results.size() == 1 ? " check" : " checks")
                                            + " failed; fix "
                                            + (failed == 1 ? "it" : "them")
                                            + " before deploying.");
                },
                error -> {
                    busy.set(false);
                    problem.set(UserMessages.sentence(error));
                });
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public BooleanBinding awsModeProperty() {
        return awsMode;
    }

    public StringProperty baseDomainProperty() {
        return baseDomain;
    }

    public StringProperty proxyPortProperty() {
        return proxyPort;
    }

    public StringProperty profileProperty() {
        return profile;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty bucketProperty() {
        return bucket;
    }

    public StringProperty clusterProperty() {
        return cluster;
    }

    public StringProperty taskDefinitionProperty() {
        return taskDefinition;
    }

    public StringProperty containerNameProperty() {
        return containerName;
    }

    public StringProperty subnetsProperty() {
        return subnets;
    }

    public StringProperty securityGroupsProperty() {
        return securityGroups;
    }

    public BooleanProperty assignPublicIpProperty() {
        return assignPublicIp;
    }

    public StringProperty redisUrlProperty() {
        return redisUrl;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The proxy port's problem, shown under its field as it is typed. */
    public ReadOnlyStringProperty portProblemProperty() {
        return portProblem.getReadOnlyProperty();
    }

    /** "2 of 5 checks failed; …" or "All 5 checks passed." after Test connection. */
    public ReadOnlyStringProperty checkSummaryProperty() {
        return checkSummary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checksFailedProperty() {
        return checksFailed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty savedMessageProperty() {
        return savedMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<CheckResult> checks() {
        return checks;
    }
}
