package dev.slipway.desktop.projects;

import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.project.ProjectRecord;

/**
 * A project as the list shows it: its record, its live URL (null before its first READY build), and
 * the status of its newest deployment.
 */
public record ProjectSummary(ProjectRecord record, String liveUrl, DeploymentStatus lastStatus) {}
