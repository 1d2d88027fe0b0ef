package dev.slipway.desktop.ui.banner;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message strip at the top of the window: one sentence about what went wrong (or went well) and
 * what to do. Failures are logged here, once, where they are finally handled.
 */
public final class BannerViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(BannerViewModel.class);

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);

    /** Shows a failure as a sentence and logs it with its cause. */
    public void showError(String context, Throwable failure) {
        String sentence = UserMessages.sentence(failure);
        LOG.warn(context + ": " + sentence, failure);
        show(sentence, true);
    }

    /** Shows a problem sentence that has no exception behind it. */
    public void showError(String sentence) {
        show(sentence, true);
    }

    /** Shows good news, such as a finished rollback. */
    public void showInfo(String sentence) {
        show(sentence, false);
    }

    private void show(String sentence, boolean isError) {
        message.set(sentence);
        error.set(isError);
        visible.set(true);
    }

    public void dismiss() {
        visible.set(false);
        message.set("");
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }
}
