package dev.slipway.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.desktop.ui.InMemoryAppServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands go through the service interfaces only: run against the in-memory services, with no
 * bucket, Redis or stack, they list, roll back and find the latest deployment.
 */
class CliServicesTest {

    @TempDir Path home;
    InMemoryAppServices services;

    private record Run(int exit, String out, String err) {}

    @BeforeEach
    void setUp() {
        services = new InMemoryAppServices(home);
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal =
                new Terminal(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false);
        CliContext context =
                new CliContext(new SlipwayHome(home), Map.of(), home, terminal, c -> services);
        int exit = Cli.run(args, context);
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listShowsEachDeploymentWithItsOwnAddressAndTheLiveOne() {
        DeploymentId first = services.seed("blog", DeploymentStatus.READY, false);
        DeploymentId second = services.seed("blog", DeploymentStatus.READY, true);

        Run r = run("list", "blog", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonArray rows = JsonParser.parseString(r.out()).getAsJsonArray();
        assertThat(rows).hasSize(2);
        for (var row : rows) {
            JsonObject o = row.getAsJsonObject();
            String id = o.get("deploymentId").getAsString();
            assertThat(o.get("live").getAsBoolean()).isEqualTo(id.equals(second.value()));
            assertThat(o.get("url").getAsString())
                    .isEqualTo(
                            "http://blog--"
                                    + id.substring(id.length() - 10).toLowerCase()
                                    + ".localhost:8000/");
        }
        assertThat(rows.toString()).contains(first.value());
    }

    @Test
    void rollbackPointsTheProjectAtTheDeploymentAndPrintsTheSiteAddress() {
        DeploymentId first = services.seed("blog", DeploymentStatus.READY, false);
        services.seed("blog", DeploymentStatus.READY, true);

        Run r = run("rollback", "blog", first.value());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        "Project blog now serves deployment "
                                + first
                                + " at http://blog.localhost:8000/\n");
        assertThat(services.projects().project(dev.slipway.core.project.Slug.of("blog")))
                .hasValueSatisfying(p -> assertThat(p.liveDeploymentId()).isEqualTo(first.value()));
    }

    @Test
    void logsWithoutAnIdReadsTheProjectsNewestDeployment() {
        services.seed("blog", DeploymentStatus.READY, true);
        DeploymentId newest = services.seed("blog", DeploymentStatus.FAILED, false);

        Run r = run("logs", "blog", "--json");

        assertThat(r.out()).contains("built " + newest).contains("\"status\":\"FAILED\"");
        assertThat(r.exit()).as("a FAILED deployment's log exits 1").isEqualTo(1);
    }
}
