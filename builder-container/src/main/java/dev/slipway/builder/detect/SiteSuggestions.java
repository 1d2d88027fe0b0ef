package dev.slipway.builder.detect;

import dev.slipway.builder.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What to try when the output has no home page: the repository's other folders that look like sites
 * ({@code website/ has a Docusaurus app: try --root-dir website}), the app's scripts that build its
 * framework, and folders of the output that hold an {@code index.html}.
 */
public final class SiteSuggestions {

    private static final int MAX = 5;

    private SiteSuggestions() {}

    /**
     * @param checkout the repository's working tree
     * @param appDir the app folder inside it
     * @param output the output folder inside the app
     * @param buildCommand the build command that ran, or null
     */
    public static List<String> of(Path checkout, Path appDir, Path output, String buildCommand) {
        List<String> tips = new ArrayList<>();
        scriptTip(appDir, buildCommand).ifPresent(tips::add);
        for (Path dir : folders(checkout, 2)) {
            Optional<Framework> app = dir.equals(appDir) ? Optional.empty() : framework(dir);
            if (app.isPresent()) {
                tips.add(
                        relative(checkout, dir)
                                + "/ has "
                                + app.get().withArticle()
                                + " app: try "
                                + Setting.ROOT_DIRECTORY.flag()
                                + " "
                                + relative(checkout, dir));
            }
        }
        boolean plainSite = !Files.exists(appDir.resolve("package.json"));
        if (plainSite) {
            for (Path dir : folders(appDir, 2)) {
                if (Files.isRegularFile(dir.resolve("index.html"))) {
                    tips.add(
                            relative(checkout, dir)
                                    + "/ has an index.html: try "
                                    + Setting.ROOT_DIRECTORY.flag()
                                    + " "
                                    + relative(checkout, dir));
                }
            }
        }
        if (!output.equals(appDir)) {
            for (Path dir : folders(output, 1)) {
                if (Files.isRegularFile(dir.resolve("index.html"))) {
                    String rel = relative(appDir, dir);
                    tips.add(
                            rel
                                    + "/ has an index.html: try "
                                    + Setting.OUTPUT_DIRECTORY.flag()
                                    + " "
                                    + rel);
                }
            }
        }
        return tips.size() > MAX ? List.copyOf(tips.subList(0, MAX)) : tips;
    }

    private static String relative(Path from, Path to) {
        return from.relativize(to).toString().replace('\\', '/');
    }

    /** A script of the app that runs its framework's build, when another command was used. */
    private static Optional<String> scriptTip(Path appDir, String buildCommand) {
        Optional<PackageJson> pkg = packageJson(appDir);
        if (pkg.isEmpty()) {
            return Optional.empty();
        }
        Optional<Framework> framework = Framework.detect(pkg.get());
        if (framework.isEmpty()) {
            return Optional.empty();
        }
        Framework f = framework.get();
        return pkg.get().scripts().entrySet().stream()
                .filter(e -> f.builds(e.getValue()))
                .filter(e -> buildCommand == null || !buildCommand.endsWith(" " + e.getKey()))
                .findFirst()
                .map(
                        e ->
                                "the "
                                        + e.getKey()
                                        + " script runs "
                                        + f.displayName()
                                        + "'s build: try "
                                        + Setting.BUILD_COMMAND.flag()
                                        + " \"npm run "
                                        + e.getKey()
                                        + "\"");
    }

    private static Optional<Framework> framework(Path dir) {
        return packageJson(dir).flatMap(Framework::detect);
    }

    private static Optional<PackageJson> packageJson(Path dir) {
        Path file = dir.resolve("package.json");
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(PackageJson.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The folders below {@code root} down to {@code depth}, sorted, without hidden ones. */
    private static List<Path> folders(Path root, int depth) {
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk.filter(p -> !p.equals(root))
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> visible(root.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static boolean visible(Path rel) {
        for (Path part : rel) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals("node_modules")) {
                return false;
            }
        }
        return true;
    }
}
