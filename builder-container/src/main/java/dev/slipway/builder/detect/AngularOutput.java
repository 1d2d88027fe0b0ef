package dev.slipway.builder.detect;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Angular's output folder, from {@code angular.json}: the first project's {@code outputPath}
 * ({@code dist/<project>} by default), plus {@code /browser} for the application builder of Angular
 * 17 and later.
 */
final class AngularOutput {

    private AngularOutput() {}

    static String of(PackageJson pkg, Path appDir) {
        Path file = appDir.resolve("angular.json");
        try {
            JsonObject root =
                    JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                            .getAsJsonObject();
            JsonObject projects = root.getAsJsonObject("projects");
            Map.Entry<String, JsonElement> first = projects.entrySet().iterator().next();
            JsonObject build =
                    first.getValue()
                            .getAsJsonObject()
                            .getAsJsonObject("architect")
                            .getAsJsonObject("build");
            String builder = build.has("builder") ? build.get("builder").getAsString() : "";
            boolean application = builder.endsWith(":application");
            JsonObject options = build.getAsJsonObject("options");
            JsonElement out = options == null ? null : options.get("outputPath");
            String base = "dist/" + first.getKey();
            if (out != null && out.isJsonPrimitive()) {
                base = out.getAsString();
            } else if (out != null && out.isJsonObject() && out.getAsJsonObject().has("base")) {
                base = out.getAsJsonObject().get("base").getAsString();
            }
            return application ? base + "/browser" : base;
        } catch (IOException | RuntimeException e) {
            return "dist";
        }
    }
}
