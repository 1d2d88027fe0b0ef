package dev.slipway.desktop.ui.deployform;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the environment variables table; the view shows the value masked. */
public final class EnvVarRow {
    private final StringProperty key = new SimpleStringProperty("");
    private final StringProperty value = new SimpleStringProperty("");

    public EnvVarRow() {}

    public EnvVarRow(String key, String value) {
        this.key.set(key);
        this.value.set(value);
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public String key() {
        return key.get() == null ? "" : key.get().trim();
    }

    public String value() {
        return value.get() == null ? "" : value.get();
    }

    boolean isBlank() {
        return key().isEmpty() && value().isEmpty();
    }
}
