package dev.slipway.builder.detect;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The parts of a {@code package.json} that detection reads. */
record PackageJson(
        Map<String, String> scripts, Map<String, String> dependencies, String packageManager) {

    /**
     * Parses the file's text.
     *
     * @throws IllegalArgumentException with the parser's reason when it is not a JSON object
     */
    static PackageJson parse(String text) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (root == null || !root.isJsonObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        JsonObject obj = root.getAsJsonObject();
        Map<String, String> deps = new LinkedHashMap<>();
        deps.putAll(strings(obj, "dependencies"));
        deps.putAll(strings(obj, "devDependencies"));
        String pm =
                obj.has("packageManager") && obj.get("packageManager").isJsonPrimitive()
                        ? obj.get("packageManager").getAsString()
                        : null;
        return new PackageJson(strings(obj, "scripts"), deps, pm);
    }

    private static Map<String, String> strings(JsonObject obj, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonElement e = obj.get(field);
        if (e != null && e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
                if (entry.getValue().isJsonPrimitive()) {
                    out.put(entry.getKey(), entry.getValue().getAsString());
                }
            }
        }
        return out;
    }

    boolean has(String dependency) {
        return dependencies.containsKey(dependency);
    }

    boolean hasAnyStartingWith(String prefix) {
        return dependencies.keySet().stream().anyMatch(d -> d.startsWith(prefix));
    }

    Optional<String> script(String name) {
        return Optional.ofNullable(scripts.get(name)).filter(s -> !s.isBlank());
    }
}
