package dev.slipway.desktop.variables;

import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectRecordUpdater;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.secrets.SecretStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A project's saved build variables (contract section 7, {@code env ls|add|rm}): names and values
 * in {@code settings.env} of the project record, secret names in {@code settings.secretEnv} with
 * their values in the {@link SecretStore}. Every change of the record is a compare-and-set.
 */
public final class BuildVariablesService implements BuildVariables {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    /** Shorter secret values could not be masked in the log without masking ordinary words. */
    public static final int MIN_SECRET_LENGTH = 6;

    private final Supplier<Backend> backends;
    private final Function<Backend, SecretStore> secrets;

    public BuildVariablesService(
            Supplier<Backend> backends, Function<Backend, SecretStore> secrets) {
        this.backends = backends;
        this.secrets = secrets;
    }

    /** One saved variable; {@code value} is null for a secret. */
    public record Variable(String name, String value, boolean secret) {}

    @Override
    public List<Variable> list(Slug project) {
        ProjectRecord record = require(backends.get(), project);
        List<Variable> out = new ArrayList<>();
        record.settings().env().forEach((k, v) -> out.add(new Variable(k, v, false)));
        record.settings().secretEnv().forEach(k -> out.add(new Variable(k, null, true)));
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    @Override
    public void add(Slug project, String name, String value, boolean secret) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw SlipwayException.badInput(
                    "'"
                            + name
                            + "' is not a valid variable name; use letters, digits and '_', such as API_URL=https://….");
        }
        if (value == null) {
            throw SlipwayException.badInput("Give the value too, as " + name + "=VALUE.");
        }
        boolean token = name.equals(SecretStore.GIT_TOKEN);
        if (token && !secret) {
            throw SlipwayException.badInput(
                    "GIT_TOKEN is the clone token of a private repository, never a plain variable; save it with --secret: slipway env add "
                            + project
                            + " GIT_TOKEN --secret");
        }
        Backend backend = backends.get();
        ProjectRecord current = require(backend, project);
        if (secret) {
            if (value.length() < MIN_SECRET_LENGTH) {
                throw SlipwayException.badInput(
                        "A secret must have at least "
                                + MIN_SECRET_LENGTH
                                + " characters, so the log can mask it; save a shorter value without --secret.");
            }
            if (token) {
                String host =
                        SecretStore.gitHost(current.repoUrl())
                                .orElseThrow(
                                        () ->
                                                SlipwayException.badInput(
                                                        "Project '"
                                                                + project
                                                                + "' is not deployed from an https:// repository, so it clones nothing and needs no GIT_TOKEN."));
                store(backend).putGitToken(project, host, value);
            } else {
                store(backend).put(project, name, value);
            }
        }
        update(
                backend,
                project,
                r -> {
                    Map<String, String> env = new TreeMap<>(r.settings().env());
                    TreeSet<String> names = new TreeSet<>(r.settings().secretEnv());
                    if (secret) {
                        env.remove(name);
                        names.add(name);
                    } else {
                        env.put(name, value);
                        names.remove(name);
                    }
                    return withEnv(r, env, names);
                });
        if (!secret) {
            Optional.ofNullable(secrets.apply(backend)).ifPresent(s -> s.remove(project, name));
        }
    }

    @Override
    public boolean remove(Slug project, String name) {
        Backend backend = backends.get();
        ProjectRecord record = require(backend, project);
        boolean secret = record.settings().secretEnv().contains(name);
        if (!secret && !record.settings().env().containsKey(name)) {
            return false;
        }
        update(
                backend,
                project,
                r -> {
                    Map<String, String> env = new TreeMap<>(r.settings().env());
                    TreeSet<String> names = new TreeSet<>(r.settings().secretEnv());
                    env.remove(name);
                    names.remove(name);
                    return withEnv(r, env, names);
                });
        if (secret && name.equals(SecretStore.GIT_TOKEN)) {
            store(backend).removeGitTokens(project);
            // and one saved as a plain secret variable, before clone tokens had their own place
            store(backend).remove(project, name);
        } else if (secret) {
            store(backend).remove(project, name);
        }
        return true;
    }

    private static ProjectRecord withEnv(
            ProjectRecord r, Map<String, String> env, TreeSet<String> names) {
        return new ProjectRecord(
                r.project(),
                r.repoUrl(),
                r.settings().withEnv(env, List.copyOf(names)),
                r.liveDeploymentId(),
                r.updatedAt());
    }

    private SecretStore store(Backend backend) {
        SecretStore store = secrets.apply(backend);
        if (store == null) {
            throw SlipwayException.badInput(
                    "This mode has no store for secret variables; save the variable without --secret.");
        }
        return store;
    }

    private static void update(
            Backend backend, Slug project, Function<ProjectRecord, ProjectRecord> change) {
        try {
            new ProjectRecordUpdater(backend.bucket().conditional())
                    .update(
                            project,
                            current ->
                                    current.isEmpty()
                                            ? ProjectRecordUpdater.Change.keep()
                                            : ProjectRecordUpdater.Change.put(
                                                    change.apply(current.get())));
        } catch (IOException e) {
            throw SlipwayException.infrastructure(
                    "Cannot update the record of '"
                            + project
                            + "' ("
                            + e.getMessage()
                            + "); check the storage with 'slipway doctor' and try again.",
                    e);
        }
    }

    private static ProjectRecord require(Backend backend, Slug project) {
        return backend.bucket()
                .project(project)
                .orElseThrow(
                        () ->
                                SlipwayException.badInput(
                                        "There is no project '"
                                                + project
                                                + "'; deploy it first, or see 'slipway list'."));
    }
}
