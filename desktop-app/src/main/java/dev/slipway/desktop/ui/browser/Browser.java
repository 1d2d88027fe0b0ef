package dev.slipway.desktop.ui.browser;

import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.banner.UserMessages;
import dev.slipway.desktop.ui.task.TaskRunner;

/**
 * Opens a URL in the user's browser. Blocking (it may start a program and wait for its answer);
 * throws when no browser could be opened, so the caller can say so instead of failing silently. The
 * app uses {@link SystemBrowser}; tests record the call.
 */
@FunctionalInterface
public interface Browser {

    /**
     * @throws BrowserUnavailableException when nothing on this desktop opens URLs
     */
    void open(String url);

    /**
     * Opens {@code url} off the UI thread; when no browser opens, the banner says so with the URL
     * to copy.
     */
    static void openOrExplain(
            Browser browser, TaskRunner tasks, BannerViewModel banner, String url) {
        tasks.run(
                "open " + url,
                () -> browser.open(url),
                () -> {},
                error ->
                        banner.showError(
                                "No browser could be opened here ("
                                        + UserMessages.sentence(error)
                                        + ") Copy the address instead: "
                                        + url));
    }
}
