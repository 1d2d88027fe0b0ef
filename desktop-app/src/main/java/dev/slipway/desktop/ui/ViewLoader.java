package dev.slipway.desktop.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;

/** Loads a view's FXML with the view itself as its controller. */
public final class ViewLoader {

    private ViewLoader() {}

    /**
     * Loads {@code resource} (relative to the view's class) and injects its {@code fx:id} fields
     * into {@code view}.
     */
    public static <T> T load(Object view, String resource) {
        URL url = view.getClass().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(
                    "Missing FXML " + resource + " next to " + view.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(view);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + url, e);
        }
    }
}
