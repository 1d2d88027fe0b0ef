package dev.slipway.builder.publish;

import dev.slipway.builder.outcome.Failure;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectRules;
import java.util.Optional;

/**
 * The ownership rule of {@link ProjectRules#checkOwner}, worded for the builder: a project belongs
 * to the repository that made it live, unless a deploy is forced.
 */
public final class Ownership {

    private Ownership() {}

    /**
     * @throws Failure (bad input) when {@code record} belongs to another repository and the deploy
     *     is not forced
     */
    public static void check(Optional<ProjectRecord> record, String repoUrl, boolean force) {
        try {
            ProjectRules.checkOwner(record, repoUrl, force);
        } catch (ProjectRules.NotOwnerException e) {
            throw refusal(e);
        }
    }

    /** The builder's sentence for a refused deploy. */
    static Failure refusal(ProjectRules.NotOwnerException e) {
        return Failure.badInput(
                "The project '"
                        + e.project()
                        + "' belongs to "
                        + e.owner()
                        + ": choose another project name, or force the deploy (--force, FORCE=true) to give it to "
                        + e.other()
                        + ".");
    }
}
