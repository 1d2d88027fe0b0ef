package dev.slipway.core.build;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The job of a builder started ahead of it ({@link BuildVariable#SLIPWAY_BUILDER_WAIT}): the local
 * launcher starts the builder's JVM while the CLI still checks the deploy, and then writes the
 * build's variables to its standard input as one JSON object of strings and closes it. The
 * variables reach the builder through a pipe, so they are never in its process's environment
 * ({@code /proc/<pid>/environ}), only in its memory. In core because both sides use it: the
 * launcher writes the job, the builder reads it.
 */
public final class JobHandoff {

    private JobHandoff() {}

    /** Whether this environment says the job comes on standard input. */
    public static boolean waits(Map<String, String> env) {
        return "true".equals(BuildVariable.SLIPWAY_BUILDER_WAIT.get(env));
    }

    /**
     * Reads the job to the end of {@code in}: empty when the input ends with nothing (the launcher
     * did not need this builder).
     *
     * @throws IOException when the input is not one JSON object of string values
     */
    public static Optional<Map<String, String>> read(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Optional.empty();
        }
        JsonObject object;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new IOException("The job on standard input is not a JSON object");
            }
            object = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException("The job on standard input is not valid JSON", e);
        }
        Map<String, String> job = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            JsonElement value = e.getValue();
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw new IOException("The job's variable " + e.getKey() + " is not a string");
            }
            job.put(e.getKey(), value.getAsString());
        }
        return Optional.of(job);
    }

    /**
     * The builder's environment: its own (what it was started with) under the job's variables,
     * without the variable that made it wait.
     */
    public static Map<String, String> merged(Map<String, String> own, Map<String, String> job) {
        Map<String, String> env = new LinkedHashMap<>(own);
        env.putAll(job);
        env.remove(BuildVariable.SLIPWAY_BUILDER_WAIT.name());
        return env;
    }

    /** The job as the launcher writes it. */
    public static String write(Map<String, String> job) {
        JsonObject object = new JsonObject();
        job.forEach(object::addProperty);
        return object.toString();
    }
}
