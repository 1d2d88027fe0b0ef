package dev.slipway.desktop.ui.window;

import java.util.List;

/**
 * What the app remembers in {@code desktop.json}: the window's place and size, the theme, what to
 * do with the local stack on close, the recent repositories, the form and the last deployment.
 */
public record WindowState(
        Double x,
        Double y,
        double width,
        double height,
        boolean maximized,
        Theme theme,
        StackOnClose stackOnClose,
        List<String> recentRepositories,
        FormMemory form,
        String lastProject,
        String lastDeployment) {

    /** The smallest window; below the default size the toolbars show symbols. */
    public static final double MIN_WIDTH = 760;

    public static final double MIN_HEIGHT = 540;

    /** The size the app opens at the first time, when the screen has room (1280×800 has). */
    public static final double DEFAULT_WIDTH = 1240;

    public static final double DEFAULT_HEIGHT = 740;

    /** How many recent repositories the form offers. */
    public static final int RECENT_LIMIT = 8;

    public WindowState {
        width = Math.max(MIN_WIDTH, width);
        height = Math.max(MIN_HEIGHT, height);
        theme = theme == null ? Theme.LIGHT : theme;
        stackOnClose = stackOnClose == null ? StackOnClose.ASK : stackOnClose;
        recentRepositories =
                recentRepositories == null ? List.of() : List.copyOf(recentRepositories);
    }

    public WindowState(
            Double x, Double y, double width, double height, boolean maximized, Theme theme) {
        this(x, y, width, height, maximized, theme, null, null, null, null, null);
    }

    public static WindowState defaults() {
        return new WindowState(null, null, DEFAULT_WIDTH, DEFAULT_HEIGHT, false, Theme.LIGHT);
    }

    /** The same with another place, size and theme. */
    public WindowState withWindow(
            double x, double y, double width, double height, boolean maximized, Theme theme) {
        return new WindowState(
                x,
                y,
                width,
                height,
                maximized,
                theme,
                stackOnClose,
                recentRepositories,
                form,
                lastProject,
                lastDeployment);
    }

    public WindowState withStackOnClose(StackOnClose choice) {
        return new WindowState(
                x,
                y,
                width,
                height,
                maximized,
                theme,
                choice,
                recentRepositories,
                form,
                lastProject,
                lastDeployment);
    }

    /** The same with the form as it is and {@code repo} first among the recent ones. */
    public WindowState withForm(FormMemory now, String repo) {
        List<String> recent = new java.util.ArrayList<>(recentRepositories);
        if (repo != null && !repo.isBlank()) {
            recent.remove(repo);
            recent.add(0, repo);
        }
        return new WindowState(
                x,
                y,
                width,
                height,
                maximized,
                theme,
                stackOnClose,
                recent.subList(0, Math.min(RECENT_LIMIT, recent.size())),
                now,
                lastProject,
                lastDeployment);
    }

    public WindowState withLastDeployment(String project, String deploymentId) {
        return new WindowState(
                x,
                y,
                width,
                height,
                maximized,
                theme,
                stackOnClose,
                recentRepositories,
                form,
                project,
                deploymentId);
    }
}
