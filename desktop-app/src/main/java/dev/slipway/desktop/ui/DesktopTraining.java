package dev.slipway.desktop.ui;

import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.AppServices;
import dev.slipway.desktop.DefaultAppServices;
import dev.slipway.desktop.logging.AppLog;
import dev.slipway.desktop.ui.browser.SystemBrowser;
import dev.slipway.desktop.ui.task.FxTaskRunner;
import dev.slipway.desktop.ui.window.SystemNotifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.image.WritableImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run of the app's class-data archive (decision 0008): {@code ./slipway} runs it once
 * after it has built the jar, with {@code -XX:ArchiveClassesAtExit}, so the app's very first start
 * maps the classes of its first frame as every later one does. It builds the main window on the
 * real services and renders it once into an image, on a home of its own in a temporary folder that
 * it deletes: no window is shown, and nothing of the user's (settings, window state, logs, the
 * local stack) is read or written.
 */
public final class DesktopTraining {

    /** The system property that makes {@code java -jar slipway.jar} without arguments train. */
    public static final String PROPERTY = "slipway.cds.training";

    private static final Logger LOG = LoggerFactory.getLogger(DesktopTraining.class);

    private static final long TIMEOUT_SECONDS = 60;

    private DesktopTraining() {}

    /** Whether this JVM was started for the training run. */
    public static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * Builds and renders the main window once, then stops the toolkit.
     *
     * @return 0 when it rendered, 1 when it could not (no display, or a failure; the archive is
     *     then left to the app's first exit)
     */
    public static int run(Map<String, String> env) {
        Path home;
        try {
            home = Files.createTempDirectory("slipway-training-");
        } catch (IOException e) {
            LOG.warn("No fast-start archive: {}", e.getMessage());
            return 1;
        }
        try {
            AppLog.toFile(new SlipwayHome(home));
            try (DefaultAppServices services =
                            DefaultAppServices.create(new SlipwayHome(home), env, home);
                    FxTaskRunner tasks = new FxTaskRunner(4)) {
                renderOnce(services, tasks);
                return 0;
            }
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("No fast-start archive: {}", e.getMessage());
            return 1;
        } finally {
            deleteTree(home);
        }
    }

    /**
     * Starts the toolkit (if this JVM has none yet), builds the main window on {@code services} and
     * renders it once, off screen; returns when it has, and then stops the toolkit if it started
     * it.
     *
     * @throws IllegalStateException when it failed or took more than a minute
     * @return the rendered image of the window's content
     * @throws UnsupportedOperationException when there is no display
     */
    static WritableImage renderOnce(AppServices services, FxTaskRunner tasks)
            throws InterruptedException {
        CountDownLatch rendered = new CountDownLatch(1);
        AtomicReference<WritableImage> image = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable render =
                () -> {
                    try (DesktopUi ui =
                            new DesktopUi(
                                    services,
                                    new SystemBrowser(url -> {}),
                                    tasks,
                                    Clock.systemUTC(),
                                    ZoneId.systemDefault(),
                                    new SystemNotifier())) {
                        image.set(ui.renderOffScreen());
                    } catch (RuntimeException e) {
                        failure.set(e);
                    } finally {
                        rendered.countDown();
                    }
                };
        boolean started = false;
        try {
            Platform.setImplicitExit(false);
            Platform.startup(render);
            started = true;
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(render);
        }
        // Only after a successful startup: Platform.exit waits for a start that failed.
        try {
            if (!rendered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the window was not rendered within a minute");
            }
        } finally {
            if (started) {
                Platform.exit();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return image.get();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // A temporary folder: what is left goes with the system's next clean-up.
        }
    }
}
