package dev.slipway.desktop.ui;

import static dev.slipway.desktop.ui.FxHelpers.onFx;
import static dev.slipway.desktop.ui.FxHelpers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.DefaultAppServices;
import dev.slipway.desktop.ui.logpane.LogLine;
import dev.slipway.desktop.ui.task.FxTaskRunner;
import dev.slipway.testing.FreePorts;
import dev.slipway.testing.GitFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window (TestFX, headless Monocle) on the real services in local mode: the local stack started
 * in the background, the real builder as a child process, the proxy serving the sites. Only the
 * browser is replaced, by a recorder.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopUiIT {

    private static final Path BUILDER_JAR =
            Path.of("../builder-container/target/slipway-builder.jar").toAbsolutePath().normalize();
    private static final String BUILD_JS =
            "const fs=require('fs');\n"
                    + "for (let i=1;i<=30;i++) console.log('\\u001b[32m✓\\u001b[39m page '+i+' rendered');\n"
                    + "fs.mkdirSync('dist',{recursive:true});\n"
                    + "fs.writeFileSync('dist/index.html','<h1>'+fs.readFileSync('version.txt','utf8').trim()+'</h1>');\n"
                    + "console.log('built');\n";

    @TempDir static Path home;
    @TempDir static Path repos;
    private static int proxyPort;
    private static DefaultAppServices services;
    private static final List<String> opened = new CopyOnWriteArrayList<>();
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static GitFixture site;

    private FxTaskRunner tasks;
    private DesktopUi ui;

    @BeforeAll
    static void startServices() throws Exception {
        proxyPort = FreePorts.next();
        Files.writeString(
                home.resolve("config.json"),
                "{\"mode\":\"local\",\"proxyPort\":" + proxyPort + "}");
        services =
                DefaultAppServices.create(
                        new SlipwayHome(home),
                        Map.of(
                                "SLIPWAY_BUILDER_JAR",
                                BUILDER_JAR.toString(),
                                "SLIPWAY_BUILDER_CDS",
                                "false"),
                        home);
        site =
                GitFixture.withFiles(
                        repos.resolve("ui-site"),
                        Map.of(
                                "package.json",
                                        "{\"name\":\"ui-site\",\"scripts\":{\"build\":\"node build.js\"}}",
                                "build.js", BUILD_JS,
                                "version.txt", "version one"));
    }

    @AfterAll
    static void stopServices() {
        services.stack().stop();
        services.close();
    }

    @Start
    void start(Stage stage) {
        tasks = new FxTaskRunner(2);
        ui = new DesktopUi(services, opened::add, tasks, Clock.systemUTC(), ZoneOffset.UTC);
        ui.show(stage);
    }

    @org.junit.jupiter.api.AfterEach
    void closeWindow(FxRobot robot) {
        robot.interact(ui::close);
        tasks.close();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Node> T find(FxRobot robot, String query) {
        return (T) robot.lookup(query).query();
    }

    private static HttpResponse<String> get(String project) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/"))
                        .header("Host", project + ".localhost:" + proxyPort)
                        .timeout(Duration.ofSeconds(10))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void deploysARepositoryFromTheFormAndOpensTheLiveSite(FxRobot robot) throws Exception {
        robot.clickOn("#repoField").write(site.url());
        assertThat(onFx(() -> ((TextField) find(robot, "#slugField")).getText()))
                .isEqualTo("ui-site");
        robot.type(KeyCode.ENTER);

        ListView<LogLine> log = find(robot, ".log-list");
        waitFor(Duration.ofSeconds(90), () -> !log.getItems().isEmpty());
        waitFor(
                Duration.ofSeconds(180),
                () -> find(robot, "#liveBox").isVisible() || find(robot, "#failedBox").isVisible());
        assertThat(onFx(() -> ((Label) find(robot, "#failureLabel")).getText())).isNullOrEmpty();
        assertThat(onFx(() -> log.getItems().stream().map(LogLine::plain).toList()))
                .contains("✓ page 30 rendered", "built");
        assertThat(onFx(() -> robot.lookup(".step-state-done").queryAll().size()))
                .isGreaterThanOrEqualTo(5);

        // The commit reaches the header just after the outcome: the result box stays put.
        double buttonY = onFx(() -> find(robot, "#openSiteButton").localToScene(0, 0).getY());
        waitFor(
                Duration.ofSeconds(30),
                () -> !((Label) find(robot, "#commitLabel")).getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> find(robot, "#openSiteButton").localToScene(0, 0).getY()))
                .isEqualTo(buttonY);

        String url = "http://ui-site.localhost:" + proxyPort + "/";
        robot.clickOn("#openSiteButton");
        // The browser is opened on a task thread, not in the click.
        waitFor(Duration.ofSeconds(30), () -> !opened.isEmpty());
        assertThat(opened).containsExactly(url);
        assertThat(get("ui-site").body()).contains("version one");
    }

    @Test
    @Order(2)
    void failingBuildShowsItsReasonAndTheFirstErrorLine(FxRobot robot) throws Exception {
        GitFixture broken =
                GitFixture.withFiles(
                        repos.resolve("ui-broken"),
                        Map.of(
                                "package.json",
                                        "{\"name\":\"ui-broken\",\"scripts\":{\"build\":\"node build.js\"}}",
                                "build.js",
                                        "console.log('compiling');\nconsole.error('Error: Cannot find module ./missing.js');\nconsole.error('    at require');\nprocess.exit(1);\n"));
        robot.interact(() -> ((TextField) find(robot, "#repoField")).setText(broken.url()));
        robot.clickOn("#deployButton");

        waitFor(Duration.ofSeconds(180), () -> find(robot, "#failedBox").isVisible());
        assertThat(onFx(() -> ((Label) find(robot, "#failureLabel")).getText()))
                .contains("exited with 1");
        ListView<LogLine> log = find(robot, ".log-list");
        waitFor(Duration.ofSeconds(30), () -> log.getSelectionModel().getSelectedItem() != null);
        assertThat(onFx(() -> log.getSelectionModel().getSelectedItem().plain()))
                .contains("Error: Cannot find module ./missing.js");
        assertThat(get("ui-broken").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void redeploysAndRollsBackFromTheDeploymentsTable(FxRobot robot) throws Exception {
        site.commit("second", Map.of("version.txt", "version two"));
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        ListView<?> projects = find(robot, "#projectList");
        waitFor(Duration.ofSeconds(30), () -> projects.getItems().size() >= 1);
        robot.interact(
                () ->
                        projects.getItems().stream()
                                .filter(p -> p.toString().contains("project=ui-site"))
                                .findFirst()
                                .ifPresent(
                                        p ->
                                                ((ListView<Object>) (ListView<?>) projects)
                                                        .getSelectionModel()
                                                        .select(p)));
        TableView<?> table = find(robot, "#deploymentTable");
        waitFor(Duration.ofSeconds(30), () -> table.getItems().size() == 1);

        robot.clickOn("#redeployButton");
        waitFor(Duration.ofSeconds(180), () -> find(robot, "#liveBox").isVisible());
        assertThat(get("ui-site").body()).contains("version two");

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        waitFor(Duration.ofSeconds(30), () -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(1));
        robot.clickOn("#rollbackButton");
        waitFor(
                Duration.ofSeconds(30),
                () -> robot.lookup(".rollback-dialog").tryQuery().isPresent());
        robot.clickOn("Roll back");
        waitFor(
                Duration.ofSeconds(30),
                () -> ((Label) find(robot, "#bannerText")).getText().contains("now serves"));
        HttpResponse<String> page = get("ui-site");
        assertThat(page.body()).contains("version one");
    }

    @Test
    @Order(4)
    void savesSettingsToConfigJsonAndReadsThemBack(FxRobot robot) throws Exception {
        robot.clickOn("#settingsButton");
        waitFor(Duration.ofSeconds(30), () -> robot.lookup("#bucketField").tryQuery().isPresent());
        TextField bucket = find(robot, "#bucketField");
        TextField region = find(robot, "#regionField");
        waitFor(Duration.ofSeconds(30), () -> "us-east-1".equals(region.getText()));
        robot.interact(
                () -> {
                    bucket.setText("my-sites");
                    region.setText("eu-west-1");
                });
        robot.clickOn("#saveButton");
        waitFor(
                Duration.ofSeconds(30),
                () -> !((Label) find(robot, "#savedLabel")).getText().isEmpty());
        SlipwayConfig saved = services.config().load();
        assertThat(saved.aws().bucket()).isEqualTo("my-sites");
        assertThat(saved.aws().region()).isEqualTo("eu-west-1");
        assertThat(saved.proxyPort()).isEqualTo(proxyPort);

        robot.clickOn("#closeButton");
        robot.interact(() -> bucket.setText(""));
        robot.interact(ui::openSettings);
        waitFor(Duration.ofSeconds(30), () -> "my-sites".equals(bucket.getText()));
        waitFor(Duration.ofSeconds(30), () -> "eu-west-1".equals(region.getText()));

        robot.clickOn("#testButton");
        ListView<?> checks = find(robot, "#checkList");
        waitFor(Duration.ofSeconds(60), () -> !checks.getItems().isEmpty());
    }
}
