package dev.slipway.desktop.backend;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.launch.Launcher;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.reconcile.Reconciler;
import dev.slipway.desktop.storage.BucketStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services one configuration points at: the bucket, the Redis of the log streams, and the
 * launcher of its mode (local child process or ECS). Made by {@link Backends} for the config as it
 * is now, and replaced when the config or the local stack changes.
 */
public final class Backend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);

    private final SlipwayConfig config;
    private final BucketStore bucket;
    private final LogStreams streams;
    private final Launcher launcher;
    private final Reconciler reconciler;
    private final List<AutoCloseable> resources;
    private final Runnable serveSites;

    Backend(
            SlipwayConfig config,
            BucketStore bucket,
            LogStreams streams,
            Launcher launcher,
            Reconciler reconciler,
            List<AutoCloseable> resources) {
        this(config, bucket, streams, launcher, reconciler, resources, () -> {});
    }

    Backend(
            SlipwayConfig config,
            BucketStore bucket,
            LogStreams streams,
            Launcher launcher,
            Reconciler reconciler,
            List<AutoCloseable> resources,
            Runnable serveSites) {
        this.config = config;
        this.bucket = bucket;
        this.streams = streams;
        this.launcher = launcher;
        this.reconciler = reconciler;
        this.resources = List.copyOf(resources);
        this.serveSites = serveSites;
    }

    /**
     * Makes sure the URLs of {@link #siteUrl} serve: in AWS mode without a public proxy (base
     * domain {@code localhost}), starts the proxy on this machine against the bucket when it is not
     * running; nothing otherwise. {@code deploy} calls it before it prints the URL; so should
     * anything that opens a site in the browser.
     *
     * @throws dev.slipway.desktop.SlipwayException when the proxy cannot start (port taken)
     */
    public void serveSites() {
        serveSites.run();
    }

    /**
     * A backend over clients made elsewhere (tests, tools), whose reconciler knows no runner;
     * closing it closes {@code resources}.
     */
    public static Backend of(
            SlipwayConfig config,
            BucketStore bucket,
            LogStreams streams,
            Launcher launcher,
            List<AutoCloseable> resources) {
        return new Backend(
                config, bucket, streams, launcher, Reconciler.none(bucket, streams), resources);
    }

    /** A backend with its own reconciler (tests that kill builds). */
    public static Backend of(
            SlipwayConfig config,
            BucketStore bucket,
            LogStreams streams,
            Launcher launcher,
            Reconciler reconciler,
            List<AutoCloseable> resources) {
        return new Backend(config, bucket, streams, launcher, reconciler, resources);
    }

    /**
     * Ends builds whose runner is gone (pid files locally, ECS tasks in AWS mode); every reader of
     * deployments calls it.
     */
    public Reconciler reconciler() {
        return reconciler;
    }

    public SlipwayConfig config() {
        return config;
    }

    public BucketStore bucket() {
        return bucket;
    }

    public LogStreams streams() {
        return streams;
    }

    public Launcher launcher() {
        return launcher;
    }

    /** The public URL of a project's site in this configuration. */
    public String siteUrl(Slug project) {
        return config.siteUrl(project.value());
    }

    /** The URL of one deployment, live or not: {@code <project>--<id10>.<baseDomain>}. */
    public String deploymentUrl(Slug project, dev.slipway.core.deployment.DeploymentId id) {
        return config.deploymentUrl(project.value(), id);
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", r.getClass().getSimpleName(), e);
            }
        }
    }
}
