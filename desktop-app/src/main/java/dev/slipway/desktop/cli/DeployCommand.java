package dev.slipway.desktop.cli;

import com.google.gson.JsonObject;
import dev.slipway.core.build.BuildVariable;
import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.SpaMode;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.link.ProjectLink;
import dev.slipway.desktop.source.FolderSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code slipway deploy}: starts a deployment, follows its log to the end, prints the site's URL.
 */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a deployment, prints its id, follows its log to the end and prints the site's URL.",
            "Without <repo>, --slug redeploys an existing project with its saved settings."
        })
final class DeployCommand implements Callable<Integer> {

    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private final CliContext context;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "<repo>",
            description = "An https:// Git URL; in local mode also a folder or a file:// URL.")
    String repo;

    @Option(
            names = "--slug",
            paramLabel = "S",
            description =
                    "The project's name (its subdomain); default: from the repository's name.")
    String slug;

    @Option(
            names = "--ref",
            paramLabel = "R",
            description = "Branch, tag or commit; default: the repository's default branch.")
    String ref;

    @Option(
            names = "--root-dir",
            paramLabel = "D",
            description = "The app's folder inside the repository.")
    String rootDir;

    @Option(
            names = "--install-command",
            paramLabel = "C",
            description = "Default: detected from the lockfile.")
    String installCommand;

    @Option(
            names = "--build-command",
            paramLabel = "C",
            description = "Default: npm run build when package.json has a build script.")
    String buildCommand;

    @Option(
            names = "--output-dir",
            paramLabel = "D",
            description = "Default: detected (dist, build, out, public, _site, .output/public).")
    String outputDir;

    @Option(
            names = "--env",
            paramLabel = "K=V",
            description = "An environment variable for install and build (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(
            names = "--secret-env",
            paramLabel = "K=V",
            description =
                    "A secret variable for install and build (repeatable): saved like 'env add --secret', masked in the log, never sent with the launch.")
    Map<String, String> secretEnv = new LinkedHashMap<>();

    @Option(
            names = "--spa",
            paramLabel = "auto|true|false",
            converter = SpaConverter.class,
            description = "Serve as a single-page app: auto (default), true or false.")
    SpaMode spa;

    @Option(
            names = "--force",
            description =
                    "Deploy even if the project belongs to another repository, or if an identical deploy started seconds ago.")
    boolean force;

    @Option(
            names = "--no-follow",
            description = "Print the deployment's id and return without following its log.")
    boolean noFollow;

    @Option(
            names = "--preview",
            description =
                    "Build and publish without going live: served at its own URL until 'slipway promote'.")
    boolean preview;

    boolean json;

    DeployCommand(CliContext context) {
        this.context = context;
    }

    static final class SpaConverter implements ITypeConverter<SpaMode> {
        @Override
        public SpaMode convert(String value) {
            try {
                return SpaMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        for (String name : secretEnv.keySet()) {
            if (env.containsKey(name)) {
                throw SlipwayException.badInput(
                        name + " is given with both --env and --secret-env; keep one of them.");
            }
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>(env.keySet());
        names.addAll(secretEnv.keySet());
        for (String name : names) {
            // --secret-env GIT_TOKEN=… is the project's clone token, never a build variable.
            String token = BuildVariable.GIT_TOKEN.name();
            boolean cloneToken = name.equals(token) && secretEnv.containsKey(name);
            if (!cloneToken && (name.equals(token) || name.equals("SLIPWAY_GIT_TOKEN"))) {
                throw SlipwayException.badInput(
                        "--env "
                                + name
                                + " would hand the token to the build; save it as the project's clone token instead:"
                                + " --secret-env GIT_TOKEN=… (or slipway env add <project> GIT_TOKEN --secret).");
            }
            if (!ENV_NAME.matcher(name).matches()) {
                throw SlipwayException.badInput(
                        "'"
                                + name
                                + "' is not a valid variable name for --env; use letters, digits and '_', such as API_URL=https://….");
            }
        }
        json = context.json();
        Terminal terminal = context.terminal();
        var text = json ? terminal.err() : terminal.out();
        Optional<ProjectLink.Linked> link = ProjectLink.find(context.workingDir());
        Path folder = folder(repo);
        if (repo == null && slug == null) {
            if (link.isEmpty()) {
                throw SlipwayException.badInput(
                        "Give the repository to deploy (an https:// URL or a folder), or --slug of an existing project; in a folder linked with 'slipway link', 'slipway deploy' alone deploys it.");
            }
            folder = link.get().folder();
            repo = folder.toString();
        }
        if (slug == null
                && folder != null
                && link.isPresent()
                && link.get().folder().equals(folder)) {
            slug = link.get().project().value();
        }
        if (folder != null) {
            Set<String> changed = FolderSource.changes(folder);
            if (!changed.isEmpty() && (ref == null || ref.isBlank())) {
                List<String> shown = changed.stream().limit(10).toList();
                terminal.err()
                        .println(
                                "warning: deploying the folder as it is on disk, with uncommitted changes to "
                                        + String.join(", ", shown)
                                        + (changed.size() > shown.size()
                                                ? " and "
                                                        + (changed.size() - shown.size())
                                                        + " more"
                                                : ""));
            }
        }
        ProjectSettings settings =
                new ProjectSettings(ref, rootDir, installCommand, buildCommand, outputDir, spa);
        DeployRequest request =
                new DeployRequest(repo, slug, settings, env, force, preview, secretEnv, force);
        DeploymentHandle handle;
        if (folder != null) {
            try (FolderUploadBar upload = new FolderUploadBar(context.terminal(), folder)) {
                handle = context.services().deploy().deploy(request, upload);
            }
        } else {
            handle = context.services().deploy().deploy(request);
        }
        LatestDeployments.record(context.home(), handle.project(), handle.id());
        if (folder != null && link.isEmpty()) {
            ProjectLink.write(folder, handle.project());
        }
        String deploymentUrl =
                context.services().addresses().deploymentUrl(handle.project(), handle.id());
        text.println(
                "Deployment "
                        + handle.id()
                        + " of "
                        + handle.project()
                        + " ("
                        + handle.siteUrl()
                        + ")");
        text.flush();
        if (noFollow) {
            if (json) {
                JsonObject o = result(handle, DeploymentStatus.QUEUED, handle.siteUrl(), null);
                o.addProperty("deploymentUrl", deploymentUrl);
                terminal.out().println(o);
            } else {
                text.println("Follow it with: slipway logs " + handle.id() + " --follow");
            }
            return 0;
        }
        Runnable forgetHint =
                context.onInterrupt(
                        () ->
                                terminal.err()
                                        .println(
                                                "\nStopped following; the build goes on. Follow it with 'slipway logs "
                                                        + handle.id()
                                                        + " --follow', stop it with 'slipway cancel "
                                                        + handle.id()
                                                        + "'."));
        LogEvent terminalEvent;
        try (LogPrinter printer = new LogPrinter(terminal, text, true)) {
            terminalEvent =
                    Following.follow(context.services().logs(), handle.id(), printer::print);
        } finally {
            forgetHint.run();
        }
        if (terminalEvent.status() == DeploymentStatus.READY) {
            String url = terminalEvent.url() != null ? terminalEvent.url() : handle.siteUrl();
            if (json) {
                JsonObject o = result(handle, DeploymentStatus.READY, preview ? null : url, null);
                o.addProperty("deploymentUrl", deploymentUrl);
                o.addProperty("preview", preview);
                terminal.out().println(o);
            } else if (preview) {
                text.println(
                        "Preview ready (not live): "
                                + deploymentUrl
                                + "\nMake it live with: slipway promote "
                                + handle.project()
                                + " "
                                + handle.id());
            } else {
                text.println("Deployment URL: " + deploymentUrl);
                text.println("Ready: " + url);
            }
            return 0;
        }
        if (json) {
            terminal.out()
                    .println(result(handle, terminalEvent.status(), null, terminalEvent.error()));
        } else {
            terminal.err()
                    .println(
                            "error: deployment "
                                    + handle.id()
                                    + " "
                                    + terminalEvent.status()
                                    + (terminalEvent.error() == null
                                            ? ""
                                            : ": " + terminalEvent.error()));
        }
        return ExitStatus.FAILED.exitCode();
    }

    /** The folder {@code repo} names, when it is one (not a URL). */
    private Path folder(String raw) {
        if (raw == null || raw.contains("://")) {
            return null;
        }
        try {
            String expanded =
                    raw.startsWith("~/")
                            ? CliContext.userHome(context.env()) + raw.substring(1)
                            : raw;
            Path p = context.workingDir().resolve(expanded).toAbsolutePath().normalize();
            return Files.isDirectory(p) ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static JsonObject result(
            DeploymentHandle handle, DeploymentStatus status, String url, String error) {
        JsonObject o = new JsonObject();
        o.addProperty("project", handle.project().value());
        o.addProperty("deploymentId", handle.id().value());
        o.addProperty("status", status.name());
        o.addProperty("url", url);
        if (error != null) {
            o.addProperty("error", error);
        }
        return o;
    }
}
