package dev.slipway.desktop.ui.window;

/** What closing the window does to a running local stack. */
public enum StackOnClose {
    /** Ask each time. */
    ASK,
    /** Leave it running: sites stay served, the next start is quick. */
    KEEP,
    /** Stop it: its memory and ports are given back. */
    STOP
}
