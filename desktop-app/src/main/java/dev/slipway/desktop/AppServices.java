package dev.slipway.desktop;

import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.doctor.DoctorService;
import dev.slipway.desktop.domains.Domains;
import dev.slipway.desktop.logs.LogService;
import dev.slipway.desktop.projects.ProjectService;
import dev.slipway.desktop.projects.SiteAddresses;
import dev.slipway.desktop.promote.Promotions;
import dev.slipway.desktop.stack.StackService;
import dev.slipway.desktop.variables.BuildVariables;

/**
 * Everything the CLI and the JavaFX app call, built once in the composition root. Services read
 * {@code config.json} when they are called, so a settings change takes effect without a restart.
 */
public interface AppServices extends AutoCloseable {
    SlipwayHome home();

    ConfigStore config();

    DeployService deploy();

    LogService logs();

    ProjectService projects();

    StackService stack();

    DoctorService doctor();

    /** Makes a READY deployment (a preview) live. */
    Promotions promote();

    /** A project's saved build variables ({@code env ls|add|rm}). */
    BuildVariables variables();

    /** A project's custom domains ({@code domains ls|add|rm}). */
    Domains domains();

    /** The addresses sites and deployments are served at. */
    SiteAddresses addresses();

    /** Releases clients and threads (not the local stack, which outlives the app). */
    @Override
    void close();
}
