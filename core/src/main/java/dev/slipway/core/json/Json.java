package dev.slipway.core.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The two Gson configurations every part uses, so what one program writes the others read.
 *
 * <p>{@link #documents()} writes {@code null} fields (manifests and project records show every
 * contract field); {@link #events()} leaves them out (log events carry only what they have).
 * Instants are ISO-8601 UTC strings. Gson instances are immutable and thread-safe.
 */
public final class Json {

    private static final Gson DOCUMENTS = base().serializeNulls().create();
    private static final Gson EVENTS = base().create();
    private static final Gson PRETTY = base().serializeNulls().setPrettyPrinting().create();

    private Json() {}

    /** For manifests, project records and config: every field written, nulls included. */
    public static Gson documents() {
        return DOCUMENTS;
    }

    /** For log events: one compact line, absent fields left out. */
    public static Gson events() {
        return EVENTS;
    }

    /** For files a person may read and edit, such as {@code config.json}. */
    public static Gson pretty() {
        return PRETTY;
    }

    private static GsonBuilder base() {
        return new GsonBuilder()
                .disableHtmlEscaping()
                .registerTypeAdapter(Instant.class, new InstantAdapter());
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public @Nullable Instant read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            String text = in.nextString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new JsonParseException(
                        "Expected a time such as 2026-11-27T20:30:00Z but was \""
                                + text
                                + "\" at "
                                + in.getPath(),
                        e);
            }
        }
    }
}
