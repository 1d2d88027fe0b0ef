package dev.slipway.core.config;

import dev.slipway.core.deployment.DeploymentHost;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code $SLIPWAY_HOME/config.json} (contract section 8). A missing file means local mode with
 * these defaults. Read and written by {@link ConfigStore}.
 */
public record SlipwayConfig(Mode mode, String baseDomain, Integer proxyPort, AwsSettings aws) {

    public static final String DEFAULT_BASE_DOMAIN = "localhost";
    public static final int DEFAULT_PROXY_PORT = 8000;

    /** A config as read: an absent value takes its default. */
    public SlipwayConfig(
            @Nullable Mode mode,
            @Nullable String baseDomain,
            @Nullable Integer proxyPort,
            @Nullable AwsSettings aws) {
        this.mode = mode == null ? Mode.LOCAL : mode;
        this.baseDomain =
                baseDomain == null || baseDomain.isBlank()
                        ? DEFAULT_BASE_DOMAIN
                        : baseDomain.trim();
        this.proxyPort = proxyPort == null ? DEFAULT_PROXY_PORT : proxyPort;
        this.aws = aws == null ? AwsSettings.defaults() : aws;
    }

    /** Local mode, sites at {@code http://<project>.localhost:8000/}. */
    public static SlipwayConfig defaults() {
        return new SlipwayConfig(null, null, null, null);
    }

    public SlipwayConfig withMode(Mode newMode) {
        return new SlipwayConfig(newMode, baseDomain, proxyPort, aws);
    }

    public SlipwayConfig withAws(AwsSettings newAws) {
        return new SlipwayConfig(mode, baseDomain, proxyPort, Objects.requireNonNull(newAws));
    }

    /**
     * The public URL of a project's site: {@code http://<project>.<baseDomain>:<port>/}, the port
     * left out when it is 80.
     */
    public String siteUrl(String project) {
        String port = proxyPort == 80 ? "" : ":" + proxyPort;
        return "http://" + project + "." + baseDomain + port + "/";
    }

    /**
     * The URL of one deployment, served for good whether it is live or not (contract section 3):
     * {@code http://<project>--<id10>.<baseDomain>:<port>/}.
     */
    public String deploymentUrl(String project, DeploymentId id) {
        return siteUrl(DeploymentHost.of(Slug.of(project), id).label());
    }
}
