package dev.slipway.builder.output;

import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.detect.BuildPlan;
import dev.slipway.builder.detect.SiteSuggestions;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.core.log.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Warns when the output has neither an {@code index.html} nor a {@code 404.html} at its root: the
 * site's home page would answer 404, which usually means the wrong folder is published. The warning
 * names what to try instead ({@code website/ has a Docusaurus app: try --root-dir website}). The
 * deployment still goes live: a site of deep links only is allowed.
 */
public final class HomePageCheck {

    private final Path checkout;
    private final BuildPlan plan;
    private final Path output;
    private final String shown;
    private final BuildLog log;

    /**
     * Warns when the output of the context's source has no home page.
     *
     * @param shown the output folder as the person knows it ({@code dist/})
     */
    public HomePageCheck(BuildContext context, BuildPlan plan, Path output, String shown) {
        this(context.sourceDirectory(), plan, output, shown, context.log());
    }

    /**
     * @param shown the output folder as the person knows it ({@code dist/})
     */
    HomePageCheck(Path checkout, BuildPlan plan, Path output, String shown, BuildLog log) {
        this.checkout = checkout;
        this.plan = plan;
        this.output = output;
        this.shown = shown;
        this.log = log;
    }

    /** Whether the output has a home page; when not, the warning is logged. */
    public boolean call() {
        if (Files.isRegularFile(output.resolve("index.html"))
                || Files.isRegularFile(output.resolve("404.html"))) {
            return true;
        }
        List<String> tips =
                SiteSuggestions.of(checkout, plan.appDirectory(), output, plan.buildCommand());
        log.warn(
                Phase.BUILD,
                shown
                        + " has no index.html (nor 404.html), so the site's home page will answer 404"
                        + (tips.isEmpty()
                                ? ": check that this is the folder the site is built into."
                                : " (" + String.join("; ", tips) + ")."));
        return false;
    }
}
