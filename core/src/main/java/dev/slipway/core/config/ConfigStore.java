package dev.slipway.core.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.slipway.core.json.Json;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes {@code config.json}. Reading checks every field and reports the first problem as
 * a {@link ConfigException} naming the file, line and field; it never lets a parser's stack trace
 * reach the user.
 */
public final class ConfigStore {

    private static final Pattern GSON_POSITION = Pattern.compile("line (\\d+) column (\\d+)");
    private static final Pattern DOMAIN =
            Pattern.compile(
                    "^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$");
    private static final Pattern REDIS_URL = Pattern.compile("^rediss?://.+");

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    public ConfigStore(SlipwayHome home) {
        this(home.configFile());
    }

    public Path file() {
        return file;
    }

    /** The config, or the defaults (local mode) when the file does not exist. */
    public SlipwayConfig load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            return SlipwayConfig.defaults();
        } catch (IOException e) {
            throw new ConfigException(
                    file, "cannot be read (" + e.getMessage() + "); check its permissions.", e);
        }
        return parse(text);
    }

    /** Parses the text of a config file; problems name {@link #file()}. */
    public SlipwayConfig parse(String text) {
        if (text.isBlank()) {
            return SlipwayConfig.defaults();
        }
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new ConfigException(
                        file,
                        lineOfGsonMessage(reader.toString()),
                        "has text after the closing '}'; remove it.");
            }
        } catch (JsonParseException | IOException e) {
            if (endsEarly(e)) {
                throw new ConfigException(
                        file,
                        0,
                        "ends before its JSON is complete (a closing '}', ']' or '\"' is missing);"
                                + " fix it or delete the file to use the defaults.");
            }
            throw new ConfigException(
                    file,
                    lineOfGsonMessage(String.valueOf(e.getMessage())),
                    "is not valid JSON ("
                            + shortGsonMessage(e.getMessage())
                            + "); fix it or delete the file to use the defaults.");
        }
        if (!root.isJsonObject()) {
            throw new ConfigException(
                    file, 1, "must hold one JSON object such as {\"mode\":\"local\"}.");
        }
        JsonObject obj = root.getAsJsonObject();
        Fields top = new Fields(text, obj, null);
        Mode mode = top.mode();
        String baseDomain = top.string("baseDomain");
        if (baseDomain != null && !DOMAIN.matcher(baseDomain.trim()).matches()) {
            throw top.error(
                    "baseDomain",
                    "\"baseDomain\" must be a domain name such as \"localhost\" or \"sites.example.com\", not \""
                            + baseDomain
                            + "\".");
        }
        Integer proxyPort = top.port("proxyPort");
        top.read("aws");
        AwsSettings aws = null;
        Fields awsFields = null;
        if (obj.has("aws") && !obj.get("aws").isJsonNull()) {
            if (!obj.get("aws").isJsonObject()) {
                throw top.error(
                        "aws",
                        "\"aws\" must be an object with the AWS settings, such as {\"region\":\"us-east-1\"}.");
            }
            Fields a = new Fields(text, obj.getAsJsonObject("aws"), "aws");
            awsFields = a;
            String redisUrl = a.string("redisUrl");
            if (redisUrl != null && !REDIS_URL.matcher(redisUrl).matches()) {
                throw a.error(
                        "redisUrl", "\"aws.redisUrl\" must start with redis:// or rediss://.");
            }
            aws =
                    new AwsSettings(
                            a.string("profile"),
                            a.string("region"),
                            a.string("bucket"),
                            a.string("cluster"),
                            a.string("taskDefinition"),
                            a.string("containerName"),
                            a.strings("subnets"),
                            a.strings("securityGroups"),
                            a.bool("assignPublicIp"),
                            redisUrl);
        }
        SlipwayConfig config =
                new SlipwayConfig(
                        mode,
                        baseDomain == null ? null : baseDomain.trim().toLowerCase(Locale.ROOT),
                        proxyPort,
                        aws);
        top.rejectUnread();
        if (awsFields != null) {
            awsFields.rejectUnread();
        }
        return config;
    }

    /** Gson reports a file cut short as an {@link EOFException}, possibly as a cause. */
    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Writes the config atomically (a partial file is never left behind), creating the folder. The
     * file is readable by its owner only: {@code aws.redisUrl} may carry the Redis password.
     */
    public void save(SlipwayConfig config) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "config", ".json.tmp");
            if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, Json.pretty().toJson(config) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ConfigException(
                    file,
                    "cannot be written ("
                            + e.getMessage()
                            + "); check that the folder is writable.",
                    e);
        }
    }

    private static int lineOfGsonMessage(String message) {
        Matcher m = GSON_POSITION.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String shortGsonMessage(@Nullable String message) {
        if (message == null) {
            return "unreadable";
        }
        String m = message;
        int see = m.indexOf("\nSee ");
        if (see >= 0) {
            m = m.substring(0, see);
        }
        m = m.replaceFirst("^com\\.google\\.gson\\.[A-Za-z.]+: ", "");
        m = m.replaceAll(" at line \\d+ column \\d+ path \\S+", "");
        return m.trim();
    }

    /** Typed access to one object's fields, with errors that point at the field's line. */
    private final class Fields {
        private final String text;
        private final JsonObject obj;
        private final @Nullable String section;
        private final Set<String> known = new LinkedHashSet<>();

        Fields(String text, JsonObject obj, @Nullable String section) {
            this.text = text;
            this.obj = obj;
            this.section = section;
        }

        private String name(String field) {
            return section == null ? field : section + "." + field;
        }

        ConfigException error(String field, String message) {
            return new ConfigException(file, lineOf(field), message);
        }

        int lineOf(String field) {
            int from = 0;
            if (section != null) {
                int s = text.indexOf("\"" + section + "\"");
                from = Math.max(0, s);
            }
            int at = text.indexOf("\"" + field + "\"", from);
            if (at < 0) {
                return 0;
            }
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        /** Marks {@code field} as one this reader knows, whether or not it is set. */
        void read(String field) {
            known.add(field);
        }

        /** A key no reader asked for is a typo or a setting this version does not have. */
        void rejectUnread() {
            for (String key : obj.keySet()) {
                if (!known.contains(key)) {
                    String closest = closest(key);
                    throw error(
                            key,
                            "\""
                                    + name(key)
                                    + "\" is not a setting Slipway knows"
                                    + (closest == null
                                            ? "; remove it."
                                            : "; did you mean \"" + name(closest) + "\"?"));
                }
            }
        }

        private @Nullable String closest(String key) {
            return DidYouMean.closest(key, known).stream().findFirst().orElse(null);
        }

        private @Nullable JsonElement get(String field) {
            known.add(field);
            JsonElement e = obj.get(field);
            return e == null || e.isJsonNull() ? null : e;
        }

        @Nullable String string(String field) {
            JsonElement e = get(field);
            if (e == null) {
                return null;
            }
            if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
                throw error(
                        field,
                        "\"" + name(field) + "\" must be a string in quotes, not " + e + ".");
            }
            return e.getAsString();
        }

        @Nullable Boolean bool(String field) {
            JsonElement e = get(field);
            if (e == null) {
                return null;
            }
            if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean())) {
                throw error(
                        field,
                        "\""
                                + name(field)
                                + "\" must be true or false (without quotes), not "
                                + e
                                + ".");
            }
            return e.getAsBoolean();
        }

        @Nullable Integer port(String field) {
            JsonElement e = get(field);
            if (e == null) {
                return null;
            }
            String problem =
                    "\"" + name(field) + "\" must be a port number from 1 to 65535, not " + e + ".";
            if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())) {
                throw error(field, problem);
            }
            JsonPrimitive p = e.getAsJsonPrimitive();
            double d = p.getAsDouble();
            if (d != Math.rint(d) || d < 1 || d > 65535) {
                throw error(field, problem);
            }
            return (int) d;
        }

        @Nullable List<String> strings(String field) {
            JsonElement e = get(field);
            if (e == null) {
                return null;
            }
            String problem =
                    "\""
                            + name(field)
                            + "\" must be a list of strings such as [\"subnet-0abc\"], not "
                            + e
                            + ".";
            if (!e.isJsonArray()) {
                throw error(field, problem);
            }
            JsonArray array = e.getAsJsonArray();
            List<String> out = new ArrayList<>(array.size());
            for (JsonElement item : array) {
                if (!(item.isJsonPrimitive() && item.getAsJsonPrimitive().isString())) {
                    throw error(field, problem);
                }
                out.add(item.getAsString());
            }
            return out;
        }

        @Nullable Mode mode() {
            String raw = string("mode");
            if (raw == null) {
                return null;
            }
            switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "local":
                    return Mode.LOCAL;
                case "aws":
                    return Mode.AWS;
                default:
                    throw error(
                            "mode", "\"mode\" must be \"local\" or \"aws\", not \"" + raw + "\".");
            }
        }
    }
}
