package dev.slipway.builder.config;

/**
 * A build setting as the person sets it: the {@code slipway deploy} flag and the desktop app's
 * field. Messages name these, never the builder's environment variable, because the person types
 * the flag (or fills the field), not the variable.
 */
public enum Setting {
    ROOT_DIRECTORY("--root-dir", "Root directory"),
    INSTALL_COMMAND("--install-command", "Install command"),
    BUILD_COMMAND("--build-command", "Build command"),
    OUTPUT_DIRECTORY("--output-dir", "Output directory");

    private final String flag;
    private final String field;

    Setting(String flag, String field) {
        this.flag = flag;
        this.field = field;
    }

    /** The command line's flag, such as {@code --output-dir}. */
    public String flag() {
        return flag;
    }

    /** The flag with the app's field: {@code --output-dir (Output directory in the app)}. */
    public String both() {
        return flag + " (" + field + " in the app)";
    }
}
