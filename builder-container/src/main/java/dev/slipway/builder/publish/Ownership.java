package dev.slipway.builder.publish;

import dev.slipway.builder.config.RepositoryUrls;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.core.project.ProjectRecord;
import java.util.Optional;

/** A project belongs to the repository that first deployed it, unless a deploy is forced. */
public final class Ownership {

    private Ownership() {}

    /**
     * @throws Failure (bad input) when {@code record} belongs to another repository and the deploy
     *     is not forced
     */
    public static void check(Optional<ProjectRecord> record, String repoUrl, boolean force) {
        if (record.isEmpty()
                || record.get().repoUrl() == null
                || record.get().isSameRepository(repoUrl)) {
            return;
        }
        if (!force) {
            throw Failure.badInput(
                    "The project '"
                            + record.get().project()
                            + "' belongs to "
                            + RepositoryUrls.withoutCredentials(record.get().repoUrl())
                            + ": choose another project name, or force the deploy (--force, FORCE=true) to give it to "
                            + RepositoryUrls.withoutCredentials(repoUrl)
                            + ".");
        }
    }
}
