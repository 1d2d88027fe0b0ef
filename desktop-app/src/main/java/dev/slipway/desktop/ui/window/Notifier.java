package dev.slipway.desktop.ui.window;

/** Tells the user something while the window is not in front (a build ended). */
@FunctionalInterface
public interface Notifier {
    void notify(String title, String body);
}
