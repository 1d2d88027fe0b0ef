package dev.slipway.desktop.projects;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;

/**
 * The addresses sites are served at, as the running stack or the AWS settings make them: the
 * project's live site and one deployment's own address (contract section 3).
 */
public interface SiteAddresses {

    /** {@code http://<project>.<baseDomain>:<port>/}. */
    String siteUrl(Slug project);

    /** {@code http://<project>--<id10>.<baseDomain>:<port>/}. */
    String deploymentUrl(Slug project, DeploymentId id);
}
