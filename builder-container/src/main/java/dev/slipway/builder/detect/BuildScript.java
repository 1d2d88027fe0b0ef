package dev.slipway.builder.detect;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The package script that builds the site: {@code build} when there is one (as every host does),
 * else a script whose command runs the framework's build ({@code "docs:build": "vitepress build
 * docs"}, which {@code vitepress init} writes). Scripts that serve or watch are never chosen.
 *
 * @param name the script's name, run as {@code npm run <name>}
 * @param command what the script runs
 * @param reason why it was chosen, for the log
 */
record BuildScript(String name, String command, String reason) {

    /** Names of scripts that serve, watch or preview the site rather than build it. */
    private static final Pattern NOT_A_BUILD =
            Pattern.compile(
                    "(?:^|[:_-])(?:dev|serve|start|preview|watch|debug|test|lint)(?:$|[:_-])");

    static Optional<BuildScript> choose(PackageJson pkg, Optional<Framework> framework) {
        Optional<String> build = pkg.script("build");
        if (build.isPresent()) {
            return Optional.of(
                    new BuildScript(
                            "build",
                            build.get(),
                            "package.json has a build script: " + build.get()));
        }
        if (framework.isEmpty()) {
            return Optional.empty();
        }
        Framework f = framework.get();
        return pkg.scripts().entrySet().stream()
                .filter(e -> !e.getValue().isBlank())
                .filter(e -> !NOT_A_BUILD.matcher(e.getKey().toLowerCase(Locale.ROOT)).find())
                .filter(e -> f.builds(e.getValue()))
                .min(preference())
                .map(
                        e ->
                                new BuildScript(
                                        e.getKey(),
                                        e.getValue(),
                                        "package.json has no build script; its "
                                                + e.getKey()
                                                + " script runs "
                                                + f.displayName()
                                                + "'s build: "
                                                + e.getValue()));
    }

    /** Names saying "build" first ({@code docs:build}), then the shorter name; else file order. */
    private static Comparator<Map.Entry<String, String>> preference() {
        return Comparator.<Map.Entry<String, String>>comparingInt(
                        e -> e.getKey().toLowerCase(Locale.ROOT).contains("build") ? 0 : 1)
                .thenComparingInt(e -> e.getKey().length());
    }
}
