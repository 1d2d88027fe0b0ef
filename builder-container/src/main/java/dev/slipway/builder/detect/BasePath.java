package dev.slipway.builder.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sub-path a site was built for ({@code /nextjs-github-pages}), so that it is served under it
 * (the manifest's {@code basePath}). The built home page decides: its root-relative asset
 * references ({@code /nextjs-github-pages/_next/…}) must all lie under the prefix, and the output
 * must hold them without it. The framework's config (Next.js {@code basePath}, Vite, VitePress,
 * Astro and SvelteKit {@code base}, Docusaurus {@code baseUrl}, Gatsby {@code pathPrefix}) names
 * the prefix where a plain literal can be read; otherwise the prefix is inferred from the HTML
 * alone.
 *
 * @param path the prefix, with a leading and no trailing slash
 * @param reason where it came from, for the log
 */
public record BasePath(String path, String reason) {

    private static final Pattern ROOT_RELATIVE =
            Pattern.compile(
                    "\\b(?:src|href)\\s*=\\s*[\"'](/(?!/)[^\"'?#\\s]*)", Pattern.CASE_INSENSITIVE);

    /**
     * @param appDir the app folder (where the framework's config is)
     * @param framework the detected framework's id ({@code nextjs}), or another word
     * @param output the output folder
     * @param notes receives a sentence when the config names a prefix the pages do not use
     */
    public static Optional<BasePath> detect(
            Path appDir, String framework, Path output, java.util.function.Consumer<String> notes) {
        Optional<Path> page = homePage(output);
        if (page.isEmpty()) {
            return Optional.empty();
        }
        List<String> refs = assetReferences(page.get());
        if (refs.isEmpty()) {
            return Optional.empty();
        }
        Optional<Framework.Literal> configured = configured(appDir, framework, output);
        if (configured.isPresent()) {
            String prefix = normalize(configured.get().value());
            String key = keyOf(framework);
            if (prefix.isEmpty()) {
                return Optional.empty();
            }
            if (servedUnder(prefix, refs, output)) {
                return Optional.of(
                        new BasePath(prefix, "from " + configured.get().file() + " " + key));
            }
            notes.accept(
                    configured.get().file()
                            + " sets "
                            + key
                            + " "
                            + configured.get().value()
                            + ", but the built home page does not load its files from there: it is served at the root.");
            return Optional.empty();
        }
        return inferred(refs, output)
                .map(
                        prefix ->
                                new BasePath(
                                        prefix,
                                        "every file the home page loads is under it: "
                                                + refs.get(0)));
    }

    /** The config file's literal prefix, for the frameworks that have one. */
    private static Optional<Framework.Literal> configured(
            Path appDir, String framework, Path output) {
        return switch (framework) {
            case "nextjs" -> Framework.configuredLiteral(appDir, "next.config", "basePath");
            case "vite", "astro" ->
                    Framework.configuredLiteral(
                            appDir,
                            framework.equals("vite") ? "vite.config" : "astro.config",
                            "base");
            case "sveltekit" -> Framework.configuredLiteral(appDir, "svelte.config", "base");
            case "docusaurus" ->
                    Framework.configuredLiteral(appDir, "docusaurus.config", "baseUrl");
            case "gatsby" -> Framework.configuredLiteral(appDir, "gatsby-config", "pathPrefix");
            case "vitepress" -> vitepressConfig(appDir, output);
            default -> Optional.empty();
        };
    }

    private static String keyOf(String framework) {
        return switch (framework) {
            case "nextjs" -> "basePath";
            case "docusaurus" -> "baseUrl";
            case "gatsby" -> "pathPrefix";
            default -> "base";
        };
    }

    /** {@code docs/.vitepress/dist} → {@code docs/.vitepress/config.*}. */
    private static Optional<Framework.Literal> vitepressConfig(Path appDir, Path output) {
        List<Path> dirs = new ArrayList<>();
        Path parent = output.getParent();
        if (parent != null && parent.getFileName().toString().equals(".vitepress")) {
            dirs.add(parent);
        }
        dirs.add(appDir.resolve(".vitepress"));
        dirs.add(appDir.resolve("docs").resolve(".vitepress"));
        for (Path dir : dirs) {
            Optional<Framework.Literal> found = Framework.configuredLiteral(dir, "config", "base");
            if (found.isPresent()) {
                return Optional.of(
                        new Framework.Literal(
                                appDir.relativize(dir).resolve(found.get().file()).toString(),
                                found.get().value()));
            }
        }
        return Optional.empty();
    }

    /** {@code /docs/} or {@code docs} → {@code /docs}; {@code /}, {@code ./} and URLs → "". */
    static String normalize(String raw) {
        String p = raw.trim();
        if (!p.startsWith("/") || p.startsWith("//")) {
            return "";
        }
        p = p.replaceAll("/+$", "");
        return p.contains("..") ? "" : p;
    }

    /** Whether every reference is under the prefix and the output holds at least one without it. */
    private static boolean servedUnder(String prefix, List<String> refs, Path output) {
        boolean found = false;
        for (String ref : refs) {
            if (!ref.startsWith(prefix + "/")) {
                return false;
            }
            String inside = ref.substring(prefix.length() + 1);
            if (!inside.isEmpty() && Files.isRegularFile(output.resolve(decode(inside)))) {
                found = true;
            }
        }
        return found;
    }

    /**
     * The shortest prefix of folders shared by every reference such that the output holds the
     * referenced files without it and has no folder of that name.
     */
    private static Optional<String> inferred(List<String> refs, Path output) {
        List<String[]> split = refs.stream().map(r -> r.substring(1).split("/")).toList();
        int shared = split.stream().mapToInt(s -> s.length - 1).min().orElse(0);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < shared; i++) {
            int k = i;
            String segment = split.get(0)[k];
            if (split.stream().anyMatch(s -> !s[k].equals(segment))) {
                return Optional.empty();
            }
            prefix.append('/').append(segment);
            String candidate = prefix.toString();
            if (Files.exists(output.resolve(decode(candidate.substring(1))))) {
                continue;
            }
            if (servedUnder(candidate, refs, output)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> homePage(Path output) {
        Path index = output.resolve("index.html");
        if (Files.isRegularFile(index)) {
            return Optional.of(index);
        }
        try (Stream<Path> files = Files.list(output)) {
            return files.filter(
                            p ->
                                    p.getFileName()
                                            .toString()
                                            .toLowerCase(Locale.ROOT)
                                            .endsWith(".html"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The root-relative references of a page that name a file (the last segment has a dot). */
    private static List<String> assetReferences(Path page) {
        String html;
        try {
            html = Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        Set<String> refs = new LinkedHashSet<>();
        Matcher m = ROOT_RELATIVE.matcher(html);
        while (m.find()) {
            String ref = m.group(1);
            String last = ref.substring(ref.lastIndexOf('/') + 1);
            if (last.contains(".") && !ref.contains("..")) {
                refs.add(ref);
            }
        }
        return List.copyOf(refs);
    }

    private static String decode(String path) {
        try {
            return java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
