package dev.slipway.core.project;

import dev.slipway.core.deployment.DeploymentId;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules every writer of a project record keeps (contract section 4), in one place: a project
 * belongs to the repository that first made it live unless a deploy is forced, a build that
 * finishes after a newer one does not replace the newer live pointer, and a READY build writes its
 * repository and settings with its pointer. Writers apply them inside {@link
 * ProjectRecordUpdater#update}, so the rules always see the record they are about to replace.
 */
public final class ProjectRules {

    private ProjectRules() {}

    /** A deploy from another repository into a project that is not forced. */
    public static final class NotOwnerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String project;
        private final String owner;
        private final String other;

        NotOwnerException(String project, String owner, String other) {
            super(
                    "The project '"
                            + project
                            + "' belongs to "
                            + owner
                            + ", not to "
                            + other
                            + "; choose another project name, or force the deploy.");
            this.project = project;
            this.owner = owner;
            this.other = other;
        }

        public String project() {
            return project;
        }

        /** The owning repository, without credentials. */
        public String owner() {
            return owner;
        }

        /** The repository that was refused, without credentials. */
        public String other() {
            return other;
        }
    }

    /**
     * Refuses a deploy of {@code repoUrl} into a project owned by another repository, unless
     * forced.
     *
     * @throws NotOwnerException when the project belongs to another repository and the deploy is
     *     not forced
     */
    public static void checkOwner(Optional<ProjectRecord> record, String repoUrl, boolean force) {
        if (force
                || record.isEmpty()
                || record.get().repoUrl() == null
                || record.get().isSameRepository(repoUrl)) {
            return;
        }
        throw new NotOwnerException(
                record.get().project(),
                RepositoryCredentials.withoutCredentials(record.get().repoUrl()),
                RepositoryCredentials.withoutCredentials(repoUrl));
    }

    /** Whether {@code candidate} may become live over {@code live}: the newer deployment wins. */
    public static boolean replaces(DeploymentId candidate, Optional<DeploymentId> live) {
        return live.isEmpty() || !live.get().isNewerThan(candidate);
    }

    /** What a READY build does to the record it read. */
    public record Publish(
            Slug project,
            DeploymentId id,
            String repoUrl,
            ProjectSettings settings,
            boolean force,
            Instant now) {

        /**
         * The change: keep the record when a newer deployment (or this one) is live already, else
         * point it at this deployment with this build's repository and settings. Saved variables
         * ({@code env}, {@code secretEnv}) are kept unless the build carries its own.
         *
         * @throws NotOwnerException as {@link #checkOwner}
         */
        public ProjectRecordUpdater.Change apply(Optional<ProjectRecord> current) {
            checkOwner(current, repoUrl, force);
            Optional<DeploymentId> live = current.flatMap(ProjectRecord::live);
            if (live.isPresent() && (live.get().equals(id) || !replaces(id, live))) {
                return ProjectRecordUpdater.Change.keep();
            }
            ProjectSettings s = settings == null ? ProjectSettings.defaults() : settings;
            if (current.isPresent() && s.env().isEmpty() && s.secretEnv().isEmpty()) {
                ProjectSettings saved = current.get().settings();
                s = s.withEnv(saved.env(), saved.secretEnv());
            }
            return ProjectRecordUpdater.Change.put(
                    new ProjectRecord(project.value(), repoUrl, s, id.value(), now));
        }
    }

    /**
     * What an explicit rollback or promote does: point the record at {@code target}, whatever its
     * age, keeping everything else; keep the record when that one is live already.
     */
    public static ProjectRecordUpdater.Change pointAt(
            Optional<ProjectRecord> current, DeploymentId target, Instant now) {
        if (current.isEmpty()) {
            throw new IllegalStateException("There is no project record to point at " + target);
        }
        if (current.get().live().map(target::equals).orElse(false)) {
            return ProjectRecordUpdater.Change.keep();
        }
        return ProjectRecordUpdater.Change.put(current.get().withLive(target, now));
    }
}
