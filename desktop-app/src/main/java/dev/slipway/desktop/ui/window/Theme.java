package dev.slipway.desktop.ui.window;

/** The light and dark look. */
public enum Theme {
    LIGHT,
    DARK;

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
