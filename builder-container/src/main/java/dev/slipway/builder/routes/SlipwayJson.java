package dev.slipway.builder.routes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.slipway.builder.config.BuildConfig;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.SpaMode;
import dev.slipway.core.routes.Routes.Header;
import dev.slipway.core.routes.Routes.HeaderRule;
import dev.slipway.core.routes.Routes.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The repository's {@code slipway.json} (schema in {@code docs/slipway-json.md} and {@code
 * docs/slipway.schema.json}): build settings, which win over detection but yield to the settings
 * given for the deploy, and routing rules. It is read from the app folder: the explicit {@code
 * ROOT_DIRECTORY} when one is given, else the repository root (whose {@code rootDirectory} may then
 * choose the app folder). Any mistake in it fails the build (bad input), naming the setting: unlike
 * a line of {@code _redirects}, a JSON file is either right or not.
 */
public final class SlipwayJson {

    public static final String FILE = "slipway.json";

    /** Every top-level key; docs/slipway.schema.json lists the same. */
    static final Set<String> KEYS =
            Set.of(
                    "$schema",
                    "installCommand",
                    "buildCommand",
                    "outputDirectory",
                    "rootDirectory",
                    "spa",
                    "cleanUrls",
                    "trailingSlash",
                    "redirects",
                    "rewrites",
                    "headers");

    private final @Nullable String shown;
    private final @Nullable String installCommand;
    private final @Nullable String buildCommand;
    private final @Nullable String outputDirectory;
    private final @Nullable String rootDirectory;
    private final @Nullable SpaMode spa;
    private final @Nullable Boolean cleanUrls;
    private final @Nullable Boolean trailingSlash;
    private final List<Redirect> redirects;
    private final List<HeaderRule> headers;

    private SlipwayJson(
            @Nullable String shown,
            @Nullable String installCommand,
            @Nullable String buildCommand,
            @Nullable String outputDirectory,
            @Nullable String rootDirectory,
            @Nullable SpaMode spa,
            @Nullable Boolean cleanUrls,
            @Nullable Boolean trailingSlash,
            List<Redirect> redirects,
            List<HeaderRule> headers) {
        this.shown = shown;
        this.installCommand = installCommand;
        this.buildCommand = buildCommand;
        this.outputDirectory = outputDirectory;
        this.rootDirectory = rootDirectory;
        this.spa = spa;
        this.cleanUrls = cleanUrls;
        this.trailingSlash = trailingSlash;
        this.redirects = List.copyOf(redirects);
        this.headers = List.copyOf(headers);
    }

    /** No {@code slipway.json}: every setting comes from the deploy or detection. */
    public static SlipwayJson none() {
        return new SlipwayJson(
                null, null, null, null, null, null, null, null, List.of(), List.of());
    }

    /**
     * Reads the app folder's {@code slipway.json}, if there is one.
     *
     * @param checkout the repository's working tree
     * @param explicitRoot {@code ROOT_DIRECTORY} as given for the deploy, or null
     * @throws Failure (bad input) naming the mistake
     */
    public static SlipwayJson read(Path checkout, @Nullable String explicitRoot, BuildLog log) {
        String shown = explicitRoot == null ? FILE : explicitRoot + "/" + FILE;
        String relative = explicitRoot == null ? FILE : explicitRoot + "/" + FILE;
        Optional<String> text = ConfigFiles.read(checkout, relative, shown, Failure::badInput);
        if (text.isEmpty()) {
            return none();
        }
        SlipwayJson parsed = parse(shown, text.get());
        if (explicitRoot != null && parsed.rootDirectory != null) {
            throw Failure.badInput(
                    shown
                            + " sets rootDirectory, but it is already inside the app folder "
                            + explicitRoot
                            + "/: remove rootDirectory from it (it belongs in the repository root's slipway.json).");
        }
        log.info(Phase.BUILD, "Read " + shown);
        return parsed;
    }

    static SlipwayJson parse(String shown, String text) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw Failure.badInput(
                    shown
                            + " is not valid JSON ("
                            + RuleSyntax.shorten(String.valueOf(e.getMessage()))
                            + "): fix it, or remove the file.");
        }
        if (!root.isJsonObject()) {
            throw Failure.badInput(
                    shown
                            + " must hold one JSON object, such as {\"buildCommand\": \"npm run build\"}: fix it.");
        }
        Reader r = new Reader(shown);
        JsonObject o = root.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!KEYS.contains(key)) {
                r.problem(
                        "'"
                                + RuleSyntax.shorten(key)
                                + "' is not a setting; the settings are installCommand, buildCommand, outputDirectory, rootDirectory, spa, cleanUrls, trailingSlash, redirects, rewrites and headers");
            }
        }
        String install = r.command(o, "installCommand");
        String build = r.command(o, "buildCommand");
        String output = r.folder(o, "outputDirectory");
        String rootDir = r.folder(o, "rootDirectory");
        SpaMode spa = r.spa(o);
        Boolean cleanUrls = r.bool(o, "cleanUrls");
        Boolean trailingSlash = r.bool(o, "trailingSlash");
        List<Redirect> rules = new ArrayList<>();
        r.array(o, "redirects").forEach(e -> r.redirect(e, false).ifPresent(rules::add));
        r.array(o, "rewrites").forEach(e -> r.redirect(e, true).ifPresent(rules::add));
        List<HeaderRule> headers = new ArrayList<>();
        List<JsonElement> headerRules = r.array(o, "headers");
        for (int i = 0; i < headerRules.size(); i++) {
            r.headerRule(headerRules.get(i), i).ifPresent(headers::add);
        }
        r.failIfAny();
        return new SlipwayJson(
                shown,
                install,
                build,
                output,
                rootDir,
                spa,
                cleanUrls,
                trailingSlash,
                rules,
                headers);
    }

    /**
     * The build settings of this build: each one given for the deploy wins, else {@code
     * slipway.json}'s, else null (detection decides). Logs every setting {@code slipway.json} gave
     * and every one it lost to the deploy's.
     */
    public Settings settings(BuildConfig config, BuildLog log) {
        return new Settings(
                pick(config.rootDirectory(), rootDirectory, "rootDirectory", "--root-dir", log),
                pick(
                        config.installCommand(),
                        installCommand,
                        "installCommand",
                        "--install-command",
                        log),
                pick(config.buildCommand(), buildCommand, "buildCommand", "--build-command", log),
                pick(
                        config.outputDirectory(),
                        outputDirectory,
                        "outputDirectory",
                        "--output-dir",
                        log),
                spa(config.spa(), log));
    }

    private @Nullable String pick(
            @Nullable String explicit,
            @Nullable String fromFile,
            String key,
            String flag,
            BuildLog log) {
        if (fromFile == null) {
            return explicit;
        }
        if (explicit != null) {
            log.info(
                    Phase.BUILD,
                    "The deploy's "
                            + flag
                            + " ("
                            + explicit
                            + ") wins over "
                            + shown
                            + "'s "
                            + key
                            + " ("
                            + fromFile
                            + ")");
            return explicit;
        }
        log.info(Phase.BUILD, key + " from " + shown + ": " + fromFile);
        return fromFile;
    }

    /** {@code SPA=auto} is also the default, so only {@code true} or {@code false} win over it. */
    private SpaMode spa(SpaMode explicit, BuildLog log) {
        if (spa == null || explicit != SpaMode.AUTO) {
            if (spa != null && spa != explicit) {
                log.info(
                        Phase.BUILD,
                        "The deploy's --spa "
                                + explicit.value()
                                + " wins over "
                                + shown
                                + "'s spa ("
                                + spa.value()
                                + ")");
            }
            return explicit;
        }
        log.info(Phase.BUILD, "spa from " + shown + ": " + spa.value());
        return spa;
    }

    @Nullable Boolean cleanUrls() {
        return cleanUrls;
    }

    @Nullable Boolean trailingSlash() {
        return trailingSlash;
    }

    List<Redirect> redirects() {
        return redirects;
    }

    List<HeaderRule> headers() {
        return headers;
    }

    /** Where the file was, for messages; null when there is none. */
    @Nullable String shown() {
        return shown;
    }

    /**
     * The build settings one build uses, after the precedence deploy > {@code slipway.json} >
     * detection; null values are left to detection.
     */
    public record Settings(
            @Nullable String rootDirectory,
            @Nullable String installCommand,
            @Nullable String buildCommand,
            @Nullable String outputDirectory,
            SpaMode spa) {}

    /** Reads values, collecting every problem so that one failure names them all. */
    private static final class Reader {
        private final String shown;
        private final List<String> problems = new ArrayList<>();

        Reader(String shown) {
            this.shown = shown;
        }

        void problem(String message) {
            problems.add(message);
        }

        void failIfAny() {
            if (problems.isEmpty()) {
                return;
            }
            String listed =
                    problems.size() == 1
                            ? problems.get(0)
                            : String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                                    + (problems.size() > 5
                                            ? "; and " + (problems.size() - 5) + " more"
                                            : "");
            throw Failure.badInput(shown + ": " + listed + ".");
        }

        @Nullable String string(JsonObject o, String key, String where) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                return null;
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                problem(where + key + " must be a string");
                return null;
            }
            return e.getAsString();
        }

        @Nullable String command(JsonObject o, String key) {
            String value = string(o, key, "");
            if (value != null && value.isBlank()) {
                problem(key + " is empty: give a command, or remove the setting");
                return null;
            }
            if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0)) {
                problem(key + " must be one line: join the commands with &&");
                return null;
            }
            return value;
        }

        @Nullable String folder(JsonObject o, String key) {
            String value = string(o, key, "");
            if (value == null) {
                return null;
            }
            String trimmed = value.strip();
            while (trimmed.startsWith("./")) {
                trimmed = trimmed.substring(2);
            }
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            boolean escapes = false;
            for (String segment : trimmed.split("/")) {
                escapes |= segment.equals("..");
            }
            if (trimmed.isEmpty()
                    || trimmed.equals(".")
                    || trimmed.startsWith("/")
                    || trimmed.indexOf('\\') >= 0
                    || trimmed.indexOf('\0') >= 0
                    || escapes) {
                problem(
                        key
                                + " '"
                                + RuleSyntax.shorten(value)
                                + "' must be a folder inside the repository, such as dist (no leading /, no ..)");
                return null;
            }
            return trimmed;
        }

        @Nullable Boolean bool(JsonObject o, String key) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                return null;
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                problem(key + " must be true or false");
                return null;
            }
            return e.getAsBoolean();
        }

        @Nullable SpaMode spa(JsonObject o) {
            JsonElement e = o.get("spa");
            if (e == null || e.isJsonNull()) {
                return null;
            }
            if (e.isJsonPrimitive()) {
                JsonPrimitive p = e.getAsJsonPrimitive();
                if (p.isBoolean()) {
                    return p.getAsBoolean() ? SpaMode.TRUE : SpaMode.FALSE;
                }
                if (p.isString()) {
                    try {
                        return SpaMode.parse(p.getAsString());
                    } catch (IllegalArgumentException ex) {
                        // reported below
                    }
                }
            }
            problem("spa must be true, false or \"auto\"");
            return null;
        }

        List<JsonElement> array(JsonObject o, String key) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                return List.of();
            }
            if (!e.isJsonArray()) {
                problem(key + " must be a list of rules, such as [{\"source\": …}]");
                return List.of();
            }
            List<JsonElement> list = new ArrayList<>();
            ((JsonArray) e).forEach(list::add);
            return list;
        }

        Optional<Redirect> redirect(JsonElement e, boolean rewrite) {
            String kind = rewrite ? "rewrites" : "redirects";
            if (!e.isJsonObject()) {
                problem(
                        kind
                                + " holds something that is not a rule: write {\"source\": \"/old\", \"destination\": \"/new\"}");
                return Optional.empty();
            }
            JsonObject o = e.getAsJsonObject();
            Set<String> allowed =
                    rewrite
                            ? Set.of("source", "destination", "status", "force")
                            : Set.of("source", "destination", "status", "permanent", "force");
            for (String key : o.keySet()) {
                if (!allowed.contains(key)) {
                    problem(
                            "a rule in "
                                    + kind
                                    + " has '"
                                    + RuleSyntax.shorten(key)
                                    + "'; a rule has "
                                    + String.join(", ", allowed.stream().sorted().toList()));
                }
            }
            String source = string(o, "source", kind + ": ");
            String destination = string(o, "destination", kind + ": ");
            if (source == null || destination == null) {
                problem("every rule in " + kind + " needs a source and a destination");
                return Optional.empty();
            }
            String where = kind + " " + RuleSyntax.shorten(source) + ": ";
            Optional<String> bad =
                    RuleSyntax.checkPattern(source)
                            .or(() -> RuleSyntax.checkTarget(source, destination));
            if (bad.isPresent()) {
                problem(where + bad.get());
                return Optional.empty();
            }
            Integer status = integer(o, "status", where);
            Boolean permanent = rewrite ? null : bool(o, "permanent");
            Boolean force = bool(o, "force");
            int code;
            if (rewrite) {
                code = status == null ? 200 : status;
                if (code != 200 && code != 404) {
                    problem(where + "a rewrite's status is 200 or 404");
                    return Optional.empty();
                }
                if (RuleSyntax.isExternal(destination)) {
                    problem(
                            where
                                    + "a rewrite cannot point to another site (Slipway does not proxy): make it a redirect");
                    return Optional.empty();
                }
            } else {
                if (status != null && permanent != null) {
                    problem(where + "give status or permanent, not both");
                    return Optional.empty();
                }
                code = status != null ? status : Boolean.FALSE.equals(permanent) ? 307 : 308;
                if (!RuleSyntax.REDIRECT_STATUSES.contains(code)) {
                    problem(
                            where
                                    + "a redirect's status is 301, 302, 303, 307 or 308 (use rewrites for 200 and 404)");
                    return Optional.empty();
                }
            }
            // Redirects apply even over an existing file, rewrites only where none answers.
            boolean forced = force != null ? force : !rewrite;
            return Optional.of(new Redirect(source, destination, code, forced));
        }

        @Nullable Integer integer(JsonObject o, String key, String where) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                return null;
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                double d = e.getAsDouble();
                if (d == Math.rint(d) && d >= 100 && d <= 599) {
                    return (int) d;
                }
            }
            problem(where + key + " must be a status code such as 301");
            return null;
        }

        Optional<HeaderRule> headerRule(JsonElement e, int index) {
            if (!e.isJsonObject()) {
                problem(
                        "headers holds something that is not a rule: write {\"source\": \"/*\", \"headers\": [{\"key\": \"X-Frame-Options\", \"value\": \"DENY\"}]}");
                return Optional.empty();
            }
            JsonObject o = e.getAsJsonObject();
            for (String key : o.keySet()) {
                if (!key.equals("source") && !key.equals("headers")) {
                    problem(
                            "a rule in headers has '"
                                    + RuleSyntax.shorten(key)
                                    + "'; a rule has source and headers");
                }
            }
            String source = string(o, "source", "headers: ");
            if (source == null) {
                problem("rule " + (index + 1) + " in headers needs a source, such as \"/*\"");
                return Optional.empty();
            }
            String where = "headers " + RuleSyntax.shorten(source) + ": ";
            Optional<String> bad = RuleSyntax.checkPattern(source);
            if (bad.isPresent()) {
                problem(where + bad.get());
                return Optional.empty();
            }
            List<Header> values = new ArrayList<>();
            for (JsonElement h : array(o, "headers")) {
                if (!h.isJsonObject()) {
                    problem(where + "each header is {\"key\": …, \"value\": …}");
                    continue;
                }
                JsonObject ho = h.getAsJsonObject();
                String name = string(ho, "key", where);
                String value = string(ho, "value", where);
                if (name == null || value == null) {
                    problem(where + "each header needs a key and a value");
                    continue;
                }
                if (RuleSyntax.isBasicAuth(name)) {
                    problem(
                            where
                                    + "Basic-Auth password protection is not supported, and Slipway cannot keep those pages private: remove it and leave the protected pages out of the output");
                    continue;
                }
                Optional<String> badHeader = RuleSyntax.checkHeader(name, value.strip());
                if (badHeader.isPresent()) {
                    problem(where + badHeader.get());
                    continue;
                }
                values.add(new Header(name, value.strip()));
            }
            if (values.isEmpty()) {
                problem(where + "the rule has no headers");
                return Optional.empty();
            }
            return Optional.of(new HeaderRule(source, values));
        }
    }
}
