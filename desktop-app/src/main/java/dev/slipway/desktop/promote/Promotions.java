package dev.slipway.desktop.promote;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.promote.PromoteService.Promoted;

/** Makes a READY deployment (a preview, or any earlier one) live. Blocking. */
public interface Promotions {

    /**
     * Points the project's live pointer at {@code id}.
     *
     * @throws dev.slipway.desktop.SlipwayException when the deployment is not the project's or not
     *     READY
     */
    Promoted promote(Slug project, DeploymentId id);
}
