package dev.slipway.builder.toolchain;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.slipway.core.build.BuildVariable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the Node version the build asks for, first found wins: {@code NODE_VERSION} (the builder's
 * variable, then the build variable of that name), {@code .node-version}, {@code .nvmrc}, then
 * package.json's {@code engines.node}; each file in the app's folder first, then the repository
 * root. Links are not followed (a file's text can end up in the log).
 */
final class NodeRequestReader {

    static final String VARIABLE = BuildVariable.NODE_VERSION.name();
    private static final int MAX_FILE_BYTES = 64 * 1024;

    private final @Nullable String variable;
    private final Map<String, String> buildEnv;
    private final Path checkout;
    private final Path appDirectory;

    /**
     * @param variable the builder's {@code NODE_VERSION}, or null
     * @param buildEnv the build's variables ({@code BUILD_ENV} and saved ones)
     * @param checkout the repository root
     * @param appDirectory the app's folder ({@code ROOT_DIRECTORY}), inside the checkout
     */
    NodeRequestReader(
            @Nullable String variable,
            Map<String, String> buildEnv,
            Path checkout,
            Path appDirectory) {
        this.variable = variable;
        this.buildEnv = buildEnv;
        this.checkout = checkout;
        this.appDirectory = appDirectory;
    }

    Optional<NodeRequest> read() {
        for (String value : new String[] {variable, buildEnv.get(VARIABLE)}) {
            if (value != null && !value.isBlank()) {
                return Optional.of(new NodeRequest(value.trim(), VARIABLE, null));
            }
        }
        List<Path> folders = new ArrayList<>(List.of(appDirectory));
        if (!appDirectory.equals(checkout)) {
            folders.add(checkout);
        }
        for (String name : List.of(".node-version", ".nvmrc")) {
            for (Path folder : folders) {
                Optional<String> version = firstLine(folder.resolve(name));
                if (version.isPresent()) {
                    String shown = relative(folder.resolve(name));
                    return Optional.of(new NodeRequest(version.get(), shown, shown));
                }
            }
        }
        for (Path folder : folders) {
            Path packageJson = folder.resolve("package.json");
            Optional<String> engines = enginesNode(packageJson);
            if (engines.isPresent()) {
                String file = relative(packageJson);
                return Optional.of(new NodeRequest(engines.get(), file + " engines.node", file));
            }
        }
        return Optional.empty();
    }

    /** The first line that is not blank or a {@code #} comment, without a trailing comment. */
    private static Optional<String> firstLine(Path file) {
        return text(file)
                .flatMap(
                        t ->
                                t.lines()
                                        .map(l -> l.replaceFirst("\\s+#.*$", "").trim())
                                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                                        .findFirst());
    }

    private static Optional<String> enginesNode(Path file) {
        Optional<String> text = text(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonElement root = JsonParser.parseString(text.get());
            if (root == null || !root.isJsonObject()) {
                return Optional.empty();
            }
            JsonElement engines = root.getAsJsonObject().get("engines");
            if (engines == null || !engines.isJsonObject()) {
                return Optional.empty();
            }
            JsonElement node = engines.getAsJsonObject().get("node");
            if (node == null || !node.isJsonPrimitive()) {
                return Optional.empty();
            }
            String value = node.getAsString().trim();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (JsonParseException | IllegalStateException e) {
            // Detection reports a broken package.json with what to fix; here it only has no
            // engines.
            return Optional.empty();
        }
    }

    private static Optional<String> text(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(
                    new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8)
                            .replace("\uFEFF", ""));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String relative(Path file) {
        return checkout.relativize(file).toString().replace('\\', '/');
    }
}
