package dev.slipway.desktop.ui;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.desktop.AppServices;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.ui.browser.Browser;
import dev.slipway.desktop.ui.browser.SystemBrowser;
import dev.slipway.desktop.ui.task.FxTaskRunner;
import dev.slipway.desktop.ui.window.SystemNotifier;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the desktop app. Not an {@link Application} subclass itself: the shaded jar's main class
 * must not be one (the launcher then refuses to run from the class path), so this starts the
 * toolkit with {@link Platform#startup} and shows the window built by {@link DesktopUi}.
 */
public final class DesktopApp {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

    private DesktopApp() {}

    /**
     * Shows the main window and blocks until it is closed.
     *
     * @throws SlipwayException when no display can be opened
     */
    public static void open(AppServices services) {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        FxTaskRunner tasks = new FxTaskRunner(4);
        try {
            Platform.setImplicitExit(false);
            Platform.startup(
                    () -> {
                        try {
                            HostServices host = new BrowserHost().getHostServices();
                            Browser browser = new SystemBrowser(host::showDocument);
                            DesktopUi ui =
                                    new DesktopUi(
                                            services,
                                            browser,
                                            tasks,
                                            Clock.systemUTC(),
                                            ZoneId.systemDefault(),
                                            new SystemNotifier());
                            Stage stage = new Stage();
                            stage.setOnHidden(
                                    e -> {
                                        ui.close();
                                        closed.countDown();
                                    });
                            ui.show(stage);
                        } catch (RuntimeException e) {
                            failure.set(e);
                            closed.countDown();
                        }
                    });
        } catch (UnsupportedOperationException | IllegalStateException e) {
            tasks.close();
            throw new SlipwayException(
                    ExitStatus.INFRASTRUCTURE,
                    "The desktop app cannot open a window here ("
                            + e.getMessage()
                            + "). Run it on a desktop,"
                            + " or use the command line: slipway deploy, slipway list, slipway --help.",
                    e);
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tasks.close();
            Platform.exit();
        }
        if (failure.get() != null) {
            LOG.error("The desktop app failed to start", failure.get());
            throw new SlipwayException(
                    ExitStatus.INFRASTRUCTURE,
                    "The desktop app failed to start ("
                            + failure.get().getMessage()
                            + "); the command line still works: slipway --help.",
                    failure.get());
        }
    }

    /**
     * The source of {@link HostServices} (the user's browser). JavaFX hands them out only through
     * an {@link Application}; this one is instantiated for that and never launched, so {@code
     * start} has nothing to show: the window is built by {@link DesktopUi} on a {@link Stage} of
     * its own.
     */
    static final class BrowserHost extends Application {
        @Override
        public void start(Stage unused) {
            // Never called: Application.launch is not used for this class.
        }
    }
}
