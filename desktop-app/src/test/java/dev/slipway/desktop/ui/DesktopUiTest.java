package dev.slipway.desktop.ui;

import static dev.slipway.desktop.ui.FxHelpers.onFx;
import static dev.slipway.desktop.ui.FxHelpers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.desktop.ui.logpane.LogLine;
import dev.slipway.desktop.ui.task.FxTaskRunner;
import dev.slipway.desktop.ui.window.Theme;
import dev.slipway.desktop.ui.window.WindowState;
import dev.slipway.desktop.ui.window.WindowStateStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The whole window driven by TestFX (headless Monocle) on in-memory services. */
@ExtendWith(ApplicationExtension.class)
class DesktopUiTest {

    @TempDir static Path home;
    private InMemoryAppServices services;
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private FxTaskRunner tasks;
    private DesktopUi ui;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory(home, "home");
        this.stage = stage;
        services = new InMemoryAppServices(dir);
        tasks = new FxTaskRunner(2);
        ui = new DesktopUi(services, opened::add, tasks, Clock.systemUTC(), ZoneOffset.UTC);
        ui.show(stage);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(ui::close);
        tasks.close();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Node> T find(FxRobot robot, String query) {
        return (T) robot.lookup(query).query();
    }

    @Test
    void deploysFromTheFormWithEnterAndShowsLogStepperAndLiveUrl(FxRobot robot) {
        robot.clickOn("#repoField").write("/tmp/repos/My_Site");
        assertThat(onFx(() -> ((TextField) find(robot, "#slugField")).getText()))
                .isEqualTo("my-site");
        assertThat(onFx(() -> find(robot, "#deployButton").isDisabled())).isFalse();

        robot.type(KeyCode.ENTER);

        waitFor(Duration.ofSeconds(30), () -> find(robot, "#liveBox").isVisible());
        ListView<LogLine> log = find(robot, ".log-list");
        assertThat(onFx(() -> log.getItems().size())).isGreaterThanOrEqualTo(42);
        assertThat(onFx(() -> log.getItems().get(0).raw()))
                .startsWith("Cloning /tmp/repos/My_Site");
        assertThat(onFx(() -> robot.lookup(".step-state-done").queryAll().size())).isEqualTo(6);
        assertThat(onFx(() -> robot.lookup(".step-state-skipped").queryAll().size())).isEqualTo(1);
        assertThat(onFx(() -> ((Label) find(robot, "#lineCount")).getText())).isEqualTo("42 lines");
        assertThat(services.requests).hasSize(1);
        assertThat(services.requests.get(0).repoUrl()).isEqualTo("/tmp/repos/My_Site");

        waitFor(Duration.ofSeconds(30), () -> lastVisibleIndex(log) == log.getItems().size() - 1);

        robot.clickOn("#openSiteButton");
        // The browser is opened on a task thread, not in the click.
        waitFor(Duration.ofSeconds(30), () -> !opened.isEmpty());
        assertThat(opened).containsExactly(SlipwayConfig.defaults().siteUrl("my-site"));
    }

    @Test
    void theLogFolderButtonOpensTheLogFolder(FxRobot robot) {
        Path logs = services.home().root().resolve("logs");

        robot.clickOn("#logFolderButton");

        waitFor(Duration.ofSeconds(30), () -> !opened.isEmpty());
        assertThat(opened).hasSize(1);
        assertThat(Path.of(URI.create(opened.get(0)))).isEqualTo(logs);
        assertThat(logs).isDirectory();
    }

    private static int lastVisibleIndex(ListView<?> list) {
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        return flow.getLastVisibleCell() == null ? -1 : flow.getLastVisibleCell().getIndex();
    }

    @Test
    void scrollingUpPausesFollowAndTheBottomResumesIt(FxRobot robot) {
        robot.interact(
                () -> ((TextField) find(robot, "#repoField")).setText("/tmp/repos/long-log"));
        robot.clickOn("#deployButton");
        waitFor(Duration.ofSeconds(30), () -> find(robot, "#liveBox").isVisible());
        ListView<LogLine> log = find(robot, ".log-list");
        ToggleButton follow = find(robot, "#followToggle");
        waitFor(Duration.ofSeconds(30), () -> lastVisibleIndex(log) == log.getItems().size() - 1);
        assertThat(onFx(follow::isSelected)).isTrue();

        robot.clickOn(log).type(KeyCode.HOME);
        waitFor(Duration.ofSeconds(30), () -> !follow.isSelected());
        assertThat(onFx(() -> lastVisibleIndex(log)))
                .isLessThan(onFx(() -> log.getItems().size() - 1));

        robot.type(KeyCode.END);
        waitFor(Duration.ofSeconds(30), follow::isSelected);
        waitFor(Duration.ofSeconds(30), () -> lastVisibleIndex(log) == log.getItems().size() - 1);
    }

    @Test
    void explainsInvalidSlugUnderTheFieldAndKeepsDeployDisabled(FxRobot robot) {
        robot.clickOn("#repoField").write("https://github.com/o/site");
        TextField slug = find(robot, "#slugField");
        robot.interact(() -> slug.setText(""));
        robot.clickOn(slug).write("Bad Slug");
        Label problem = find(robot, "#slugProblem");
        assertThat(onFx(problem::isVisible)).isTrue();
        assertThat(onFx(problem::getText)).contains("not a valid project name");
        assertThat(onFx(() -> find(robot, "#deployButton").isDisabled())).isTrue();

        robot.type(KeyCode.ENTER);
        assertThat(services.requests).isEmpty();
    }

    @Test
    void failedBuildShowsReasonAtTopAndSelectsFirstErrorLine(FxRobot robot) {
        robot.interact(
                () -> ((TextField) find(robot, "#repoField")).setText("/tmp/repos/broken-site"));
        robot.clickOn("#deployButton");

        waitFor(Duration.ofSeconds(30), () -> find(robot, "#failedBox").isVisible());
        assertThat(onFx(() -> ((Label) find(robot, "#failureLabel")).getText()))
                .isEqualTo("The build command 'node build.js' exited with 1.");
        ListView<LogLine> log = find(robot, ".log-list");
        waitFor(Duration.ofSeconds(30), () -> log.getSelectionModel().getSelectedItem() != null);
        assertThat(onFx(() -> log.getSelectionModel().getSelectedItem().raw()))
                .isEqualTo("Error: Cannot find module './missing.js'");
        assertThat(onFx(() -> robot.lookup(".step-state-failed").queryAll().size())).isEqualTo(1);
        assertThat(opened).isEmpty();
    }

    @Test
    void rollsBackFromTheDeploymentsTable(FxRobot robot) {
        DeploymentId older = services.seed("demo", DeploymentStatus.READY, true);
        services.seed("demo", DeploymentStatus.FAILED, false);
        DeploymentId newer = services.seed("demo", DeploymentStatus.READY, true);
        assertThat(services.liveOf("demo")).isEqualTo(newer.value());

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        ListView<?> projects = find(robot, "#projectList");
        waitFor(Duration.ofSeconds(30), projects::isVisible);
        robot.clickOn("#refreshButton");
        waitFor(Duration.ofSeconds(30), () -> projects.getItems().size() == 1);
        robot.clickOn(".project-name");
        TableView<?> table = find(robot, "#deploymentTable");
        waitFor(Duration.ofSeconds(30), () -> table.getItems().size() == 3);
        robot.interact(() -> table.getSelectionModel().select(2));
        robot.clickOn("#rollbackButton");
        waitFor(
                Duration.ofSeconds(10),
                () -> robot.lookup(".rollback-dialog").tryQuery().isPresent());
        robot.clickOn("Roll back");

        waitFor(Duration.ofSeconds(30), () -> older.value().equals(services.liveOf("demo")));
        waitFor(
                Duration.ofSeconds(30),
                () ->
                        ((Label) find(robot, "#bannerText"))
                                .getText()
                                .contains("now serves " + older));
        waitFor(
                Duration.ofSeconds(30),
                () -> table.getItems().get(2).toString().contains("live=true"));
    }

    @Test
    void savesSettingsAndReadsThemBack(FxRobot robot) throws Exception {
        robot.clickOn("#settingsButton");
        waitFor(
                Duration.ofSeconds(30),
                () -> robot.lookup("#baseDomainField").tryQuery().isPresent());
        TextField domain = find(robot, "#baseDomainField");
        robot.interact(() -> domain.setText(""));
        robot.clickOn(domain).write("sites.test");
        TextField port = find(robot, "#proxyPortField");
        robot.interact(() -> port.setText("8081"));
        robot.clickOn("#saveButton");
        Label saved = find(robot, "#savedLabel");
        Label problem = find(robot, "#problemLabel");
        waitFor(
                Duration.ofSeconds(30),
                () -> !saved.getText().isEmpty() || !problem.getText().isEmpty());
        assertThat(onFx(problem::getText)).isEmpty();
        assertThat(Files.readString(services.config().file()))
                .contains("\"baseDomain\": \"sites.test\"")
                .contains("8081");

        robot.clickOn("#closeButton");
        robot.interact(() -> domain.setText("changed-but-not-saved"));
        robot.interact(ui::openSettings);
        waitFor(Duration.ofSeconds(30), () -> domain.getText().equals("sites.test"));
        String portText = onFx(port::getText);
        assertThat(portText).isEqualTo("8081");

        robot.clickOn("#testButton");
        ListView<?> checks = find(robot, "#checkList");
        waitFor(Duration.ofSeconds(30), () -> checks.getItems().size() == 2);
    }

    @Test
    void remembersWindowSizeAndThemeInSlipwayHome(FxRobot robot) throws Exception {
        robot.clickOn("#themeToggle");
        assertThat(onFx(() -> stage.getScene().getRoot().getStyleClass().contains("dark")))
                .isTrue();
        robot.interact(
                () -> {
                    stage.setWidth(1111);
                    stage.setHeight(777);
                });
        robot.interact(() -> stage.hide());
        Path saved = services.home().root().resolve("desktop.json");
        assertThat(Files.readString(saved)).contains("1111").contains("\"theme\": \"DARK\"");
        WindowState again = new WindowStateStore(services.home()).load();
        assertThat(again.width()).isEqualTo(1111);
        assertThat(again.height()).isEqualTo(777);
        assertThat(again.theme()).isEqualTo(Theme.DARK);
    }
}
