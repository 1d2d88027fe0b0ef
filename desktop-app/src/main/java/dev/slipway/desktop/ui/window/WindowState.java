package dev.slipway.desktop.ui.window;

/** The main window's place and size, and the theme, as left last time. */
public record WindowState(
        Double x, Double y, double width, double height, boolean maximized, Theme theme) {

    public static final double MIN_WIDTH = 960;
    public static final double MIN_HEIGHT = 640;

    public WindowState {
        width = Math.max(MIN_WIDTH, width);
        height = Math.max(MIN_HEIGHT, height);
        theme = theme == null ? Theme.LIGHT : theme;
    }

    public static WindowState defaults() {
        return new WindowState(null, null, 1200, 780, false, Theme.LIGHT);
    }
}
