package dev.slipway.desktop.ui.browser;

/** Nothing on this desktop opened the URL (no handler, no browser program). */
public final class BrowserUnavailableException extends RuntimeException {
    public BrowserUnavailableException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
