package dev.slipway.desktop.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the CLI writes and how: on a terminal, live status lines, a progress bar and the build's
 * colours; piped, plain lines with ANSI escapes stripped.
 */
public final class Terminal {

    private static final Pattern ANSI =
            Pattern.compile(
                    "\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|[@-Z\\\\-_])");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;

    public Terminal(PrintStream out, PrintStream err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** The process's own streams; interactive when both ends are a terminal that is not "dumb". */
    public static Terminal ofSystem(Map<String, String> env) {
        boolean tty = System.console() != null && !"dumb".equals(env.get("TERM"));
        return new Terminal(System.out, System.err, tty);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean interactive() {
        return interactive;
    }

    /**
     * The text as it should reach this output: unchanged on a terminal, without escapes when piped.
     */
    public String show(String text) {
        return interactive ? text : strip(text);
    }

    /** Removes ANSI escape sequences (colours, cursor moves, titles). */
    public static String strip(String text) {
        if (text.indexOf('\u001B') < 0) {
            return text;
        }
        return ANSI.matcher(text).replaceAll("");
    }
}
