package dev.slipway.desktop.deploy;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;

/** A started deployment: its project, its id and the URL the site will have. */
public record DeploymentHandle(Slug project, DeploymentId id, String siteUrl) {}
