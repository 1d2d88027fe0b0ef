package dev.slipway.desktop.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Builds the small JSON documents that {@code --json} prints. */
final class Json {
    private Json() {}

    static JsonObject object(Object... keysAndValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            Object v = keysAndValues[i + 1];
            if (v == null) {
                o.add(key, com.google.gson.JsonNull.INSTANCE);
            } else if (v instanceof JsonElement e) {
                o.add(key, e);
            } else if (v instanceof Number n) {
                o.addProperty(key, n);
            } else if (v instanceof Boolean b) {
                o.addProperty(key, b);
            } else {
                o.addProperty(key, v.toString());
            }
        }
        return o;
    }
}
