package dev.slipway.builder.routes;

import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.core.log.Phase;
import dev.slipway.core.routes.Routes;
import dev.slipway.core.routes.Routes.HeaderRule;
import dev.slipway.core.routes.Routes.Redirect;
import dev.slipway.core.text.Counts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers the deployment's routing rules for its manifest: the output's {@code _redirects} and
 * {@code _headers} (Netlify's formats) first, then {@code slipway.json}'s redirects, rewrites and
 * headers, plus its {@code cleanUrls} and {@code trailingSlash}. Every skipped line is logged as
 * {@code _redirects:7: …}; a fatal one (access control Slipway cannot enforce) fails the build.
 */
public final class RoutesStep {

    /** The most rules one manifest holds; the proxy tries them for every request. */
    static final int MAX_RULES = 10_000;

    /** Skipped lines shown one by one before the rest are only counted. */
    private static final int SHOWN_PROBLEMS = 50;

    private final SlipwayJson slipwayJson;
    private final Path output;
    private final String shownOutput;
    private final BuildLog log;

    /**
     * The routing rules of the output and of {@code slipway.json}, logged to the context's log.
     *
     * @param shownOutput the folder as the person knows it ({@code dist/}), for messages
     */
    public RoutesStep(
            BuildContext context, SlipwayJson slipwayJson, Path output, String shownOutput) {
        this(slipwayJson, output, shownOutput, context.log());
    }

    /**
     * @param output the built output folder, whose root may hold {@code _redirects} and {@code
     *     _headers}
     * @param shownOutput the folder as the person knows it ({@code dist/}), for messages
     */
    RoutesStep(SlipwayJson slipwayJson, Path output, String shownOutput, BuildLog log) {
        this.slipwayJson = slipwayJson;
        this.output = output;
        this.shownOutput = shownOutput;
        this.log = log;
    }

    /** Reads and checks the rules; {@link Routes#none()} when there are none. */
    public Routes call() {
        List<RuleProblem> problems = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        List<HeaderRule> headers = new ArrayList<>();
        List<String> sources = new ArrayList<>();

        Optional<String> redirectsText = read(RedirectsFile.NAME);
        if (redirectsText.isPresent()) {
            RedirectsFile.Parsed parsed = RedirectsFile.parse(redirectsText.get());
            redirects.addAll(parsed.rules());
            problems.addAll(parsed.problems());
            sources.add(RedirectsFile.NAME);
        }
        Optional<String> headersText = read(HeadersFile.NAME);
        if (headersText.isPresent()) {
            HeadersFile.Parsed parsed = HeadersFile.parse(headersText.get());
            headers.addAll(parsed.rules());
            problems.addAll(parsed.problems());
            sources.add(HeadersFile.NAME);
        }
        if (slipwayJson.shown() != null) {
            redirects.addAll(slipwayJson.redirects());
            headers.addAll(slipwayJson.headers());
            sources.add(slipwayJson.shown());
        }

        report(problems);
        if (redirects.size() + headers.size() > MAX_RULES) {
            throw Failure.badInput(
                    "The site has "
                            + (redirects.size() + headers.size())
                            + " redirect, rewrite and header rules, more than the "
                            + MAX_RULES
                            + " one deployment may have: use :placeholders and * splats to write fewer rules.");
        }
        Routes routes =
                new Routes(
                        redirects, headers, slipwayJson.cleanUrls(), slipwayJson.trailingSlash());
        if (!routes.isEmpty()) {
            log.info(Phase.BUILD, summary(routes, sources));
        }
        return routes;
    }

    private Optional<String> read(String name) {
        return ConfigFiles.read(output, name, shownOutput + name, Failure::badInput);
    }

    private void report(List<RuleProblem> problems) {
        int shown = 0;
        for (RuleProblem p : problems) {
            if (p.fatal()) {
                continue;
            }
            if (shown++ < SHOWN_PROBLEMS) {
                log.warn(Phase.BUILD, p + " (line skipped)");
            }
        }
        if (shown > SHOWN_PROBLEMS) {
            log.warn(
                    Phase.BUILD,
                    (shown - SHOWN_PROBLEMS) + " more lines were skipped for the same reasons");
        }
        Optional<RuleProblem> fatal = problems.stream().filter(RuleProblem::fatal).findFirst();
        if (fatal.isPresent()) {
            throw Failure.badInput(fatal.get() + ".");
        }
    }

    private static String summary(Routes routes, List<String> sources) {
        long rewrites = routes.redirects().stream().filter(Redirect::isRewrite).count();
        long redirects = routes.redirects().size() - rewrites;
        List<String> parts = new ArrayList<>();
        parts.add(Counts.of(redirects, "redirect"));
        parts.add(Counts.of(rewrites, "rewrite"));
        parts.add(Counts.of(routes.headers().size(), "header rule"));
        if (routes.cleanUrls() != null) {
            parts.add("cleanUrls " + routes.cleanUrls());
        }
        if (routes.trailingSlash() != null) {
            parts.add("trailingSlash " + routes.trailingSlash());
        }
        return "Routes: " + String.join(", ", parts) + " (from " + String.join(", ", sources) + ")";
    }
}
