package dev.slipway.desktop.ui.banner;

import dev.slipway.core.config.ConfigException;
import dev.slipway.core.project.InvalidSlugException;
import dev.slipway.desktop.SlipwayException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into the sentence the window shows: what went wrong and what to do. */
public final class UserMessages {

    private UserMessages() {}

    /**
     * The message of Slipway's own exceptions (already written for people), or a short sentence for
     * anything unexpected that points at the log for details. Never a stack trace.
     */
    public static String sentence(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof SlipwayException
                || e instanceof ConfigException
                || e instanceof InvalidSlugException
                || e instanceof dev.slipway.desktop.ui.browser.BrowserUnavailableException) {
            return e.getMessage();
        }
        if (e instanceof IllegalArgumentException && e.getMessage() != null) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException || e instanceof java.io.IOException) {
            return "A file or connection could not be used ("
                    + e.getMessage()
                    + "). Check the disk and the network, then try again.";
        }
        if (e instanceof InterruptedException) {
            return "The operation was interrupted; try again.";
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "Something unexpected went wrong ("
                + detail
                + "). Try again; if it keeps happening, run 'slipway doctor' to check the setup.";
    }

    /** The failure that matters inside wrappers such as {@link ExecutionException}. */
    public static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof ExecutionException || e instanceof CompletionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
