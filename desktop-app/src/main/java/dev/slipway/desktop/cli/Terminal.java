package dev.slipway.desktop.cli;

import dev.slipway.desktop.logs.AnsiText;
import java.io.PrintStream;
import java.util.Map;

/**
 * Where the CLI writes and how: on a terminal, live status lines, a progress bar and the build's
 * colours; piped, plain lines with ANSI escapes stripped.
 */
public final class Terminal {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private volatile boolean color;

    public Terminal(PrintStream out, PrintStream err, boolean interactive) {
        this(out, err, interactive, interactive);
    }

    /**
     * @param color whether colours and other escapes reach the output ({@code NO_COLOR} and {@code
     *     --no-color} turn them off)
     */
    public Terminal(PrintStream out, PrintStream err, boolean interactive, boolean color) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.color = interactive && color;
    }

    /**
     * The process's own streams; interactive when both ends are a terminal that is not "dumb";
     * coloured unless {@code NO_COLOR} is set to anything (no-color.org).
     */
    public static Terminal ofSystem(Map<String, String> env) {
        return of(System.out, System.err, System.console() != null, env);
    }

    /**
     * Streams of a process whose console and environment are given (the local stack runs a command
     * for another process with its streams, {@code dev.slipway.desktop.stackcommands}).
     */
    public static Terminal of(
            PrintStream out, PrintStream err, boolean console, Map<String, String> env) {
        boolean tty = console && !"dumb".equals(env.get("TERM"));
        String noColor = env.get("NO_COLOR");
        return new Terminal(out, err, tty, noColor == null || noColor.isEmpty());
    }

    /** Whether colours are shown. */
    public boolean color() {
        return color;
    }

    /** Turns colours off ({@code --no-color}). */
    public void disableColor() {
        color = false;
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
     * The text as it should reach this output: unchanged on a colour terminal, without escapes when
     * piped or without colours.
     */
    public String show(String text) {
        return color ? text : strip(text);
    }

    /** Removes ANSI escape sequences (colours, cursor moves, titles, charset designations). */
    public static String strip(String text) {
        return AnsiText.strip(text);
    }
}
