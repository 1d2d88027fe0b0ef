package dev.slipway.desktop.ui.browser;

/** Opens a URL in the user's browser. The app uses HostServices; tests record the call. */
@FunctionalInterface
public interface Browser {
    void open(String url);
}
