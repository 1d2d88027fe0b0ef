package dev.slipway.desktop.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.projects.ProjectSummary;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slipway list}: the projects with their live URL, or one project's deployments. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description =
                "Lists the projects with their live URL, or one project's deployments, newest first.")
final class ListCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final CliContext context;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "<project>",
            description = "Show this project's deployments.")
    String project;

    ListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        boolean json = context.json();
        PrintStream out = context.terminal().out();
        if (project == null) {
            List<ProjectSummary> projects = context.services().projects().list();
            if (json) {
                JsonArray array = new JsonArray();
                for (ProjectSummary p : projects) {
                    JsonObject o = new JsonObject();
                    o.addProperty("project", p.record().project());
                    o.addProperty("repoUrl", p.record().repoUrl());
                    o.addProperty("liveDeploymentId", p.record().liveDeploymentId());
                    o.addProperty("liveUrl", p.liveUrl());
                    o.addProperty(
                            "lastStatus", p.lastStatus() == null ? null : p.lastStatus().name());
                    o.addProperty(
                            "updatedAt",
                            p.record().updatedAt() == null
                                    ? null
                                    : p.record().updatedAt().toString());
                    array.add(o);
                }
                out.println(array);
                return 0;
            }
            if (projects.isEmpty()) {
                out.println("No projects yet; deploy one with: slipway deploy <repo>");
                return 0;
            }
            Table table = new Table("PROJECT", "LIVE URL", "LAST", "REPOSITORY");
            for (ProjectSummary p : projects) {
                table.row(
                        p.record().project(),
                        p.liveUrl() == null ? "-" : p.liveUrl(),
                        p.lastStatus() == null ? "-" : p.lastStatus().name(),
                        p.record().repoUrl());
            }
            table.print(out);
            return 0;
        }
        Slug slug = Arguments.project(project);
        List<Manifest> deployments = context.services().projects().deployments(slug);
        Optional<ProjectRecord> record = context.services().projects().project(slug);
        String live = record.map(ProjectRecord::liveDeploymentId).orElse(null);
        var addresses = context.services().addresses();
        if (json) {
            JsonArray array = new JsonArray();
            for (Manifest m : deployments) {
                JsonObject o = new JsonObject();
                o.addProperty("deploymentId", m.deploymentId());
                o.addProperty("status", m.status() == null ? null : m.status().name());
                o.addProperty("live", m.deploymentId().equals(live));
                o.addProperty("preview", m.isPreview());
                o.addProperty("url", m.isReady() ? addresses.deploymentUrl(slug, m.id()) : null);
                o.addProperty("ref", m.ref());
                o.addProperty("commit", m.commit());
                o.addProperty("createdAt", str(m.createdAt()));
                o.addProperty("finishedAt", str(m.finishedAt()));
                o.addProperty("files", m.files().size());
                o.addProperty("bytes", m.totalBytes());
                o.addProperty("error", m.error());
                array.add(o);
            }
            out.println(array);
            return 0;
        }
        if (deployments.isEmpty()) {
            out.println("Project " + slug + " has no finished deployments yet.");
            return 0;
        }
        Table table =
                new Table("", "DEPLOYMENT", "STATUS", "CREATED", "REF", "COMMIT", "URL", "ERROR");
        for (Manifest m : deployments) {
            table.row(
                    m.deploymentId().equals(live) ? "*" : "",
                    m.deploymentId(),
                    m.status() == null
                            ? "-"
                            : m.status().name() + (m.isPreview() ? " preview" : ""),
                    m.createdAt() == null ? "-" : TIME.format(m.createdAt()),
                    m.ref() == null ? "-" : m.ref(),
                    m.commit() == null
                            ? "-"
                            : m.commit().substring(0, Math.min(8, m.commit().length())),
                    m.isReady() ? addresses.deploymentUrl(slug, m.id()) : "-",
                    m.error() == null ? "" : m.error());
        }
        table.print(out);
        if (live != null) {
            out.println("* live at " + addresses.siteUrl(slug));
        }
        return 0;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
