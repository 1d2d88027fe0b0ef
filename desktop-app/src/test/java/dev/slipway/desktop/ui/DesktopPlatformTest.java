package dev.slipway.desktop.ui;

import static dev.slipway.desktop.ui.FxHelpers.onFx;
import static dev.slipway.desktop.ui.FxHelpers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.desktop.ui.task.FxTaskRunner;
import dev.slipway.desktop.ui.variables.VariablesViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What the CLI offers, in the window (issue 17 item 7): previews and Promote, each deployment's
 * URL, a project's domains and saved variables, plain folders; and the notification at a build's
 * end (issue 14).
 */
@ExtendWith(ApplicationExtension.class)
class DesktopPlatformTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final SlipwayConfig CONFIG = SlipwayConfig.defaults();

    @TempDir static Path home;
    private InMemoryAppServices services;
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private FxTaskRunner tasks;
    private DesktopUi ui;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        services = new InMemoryAppServices(Files.createTempDirectory(home, "home"));
        tasks = new FxTaskRunner(2);
        ui =
                new DesktopUi(
                        services,
                        opened::add,
                        tasks,
                        Clock.systemUTC(),
                        ZoneOffset.UTC,
                        (title, body) -> notifications.add(title + " | " + body));
        ui.show(stage);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        services.wake.countDown();
        // The primary stage is the same in every test.
        robot.interact(() -> stage.setIconified(false));
        robot.interact(ui::close);
        tasks.close();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Node> T find(FxRobot robot, String query) {
        return (T) robot.lookup(query).query();
    }

    private static String text(FxRobot robot, String query) {
        return onFx(() -> ((Labeled) find(robot, query)).getText());
    }

    private void deploy(FxRobot robot, String repo) {
        robot.interact(() -> ((TextField) find(robot, "#repoField")).setText(repo));
        robot.clickOn("#deployButton");
    }

    /** Opens the Projects tab on the only project, then one of its tabs (0, 1 or 2). */
    private void openProject(FxRobot robot, int tab) {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        ListView<?> projects = find(robot, "#projectList");
        waitFor(LONG, projects::isVisible);
        robot.clickOn("#refreshButton");
        waitFor(LONG, () -> projects.getItems().size() == 1);
        robot.clickOn(".project-name");
        TabPane tabs = find(robot, ".project-tabs");
        robot.interact(() -> tabs.getSelectionModel().select(tab));
    }

    @Test
    void aPreviewDeployShowsItsOwnAddressAndPromoteMakesItLive(FxRobot robot) {
        robot.clickOn("#previewBox");
        assertThat(text(robot, "#deployButton")).isEqualTo("Deploy preview");
        deploy(robot, "/tmp/repos/site");

        waitFor(LONG, () -> find(robot, "#liveBox").isVisible());
        DeploymentId id = DeploymentId.of(onFx(() -> ui.watchedDeployment().id().value()));
        String own = CONFIG.deploymentUrl("site", id);
        assertThat(services.requests.get(0).preview()).isTrue();
        assertThat(text(robot, "#resultLabel")).isEqualTo("Preview (not live) at");
        assertThat(text(robot, "#urlLink")).isEqualTo(own);
        assertThat(services.liveOf("site")).as("a preview is not live").isNull();

        robot.clickOn("#urlLink");
        waitFor(LONG, () -> opened.contains(own));
        waitFor(LONG, () -> find(robot, "#promotePreviewButton").isVisible());
        robot.clickOn("#promotePreviewButton");

        waitFor(LONG, () -> id.value().equals(services.liveOf("site")));
        waitFor(LONG, () -> text(robot, "#resultLabel").equals("Live at"));
        assertThat(text(robot, "#urlLink")).isEqualTo(CONFIG.siteUrl("site"));
        waitFor(LONG, () -> !find(robot, "#promotePreviewButton").isVisible());
    }

    @Test
    void theDeploymentsTableShowsEachAddressOpensItAndPromotesAPreview(FxRobot robot) {
        DeploymentId live = services.seed("demo", DeploymentStatus.READY, true);
        DeploymentId preview = services.seed("demo", DeploymentStatus.READY, false, true);
        openProject(robot, 0);
        TableView<?> table = find(robot, "#deploymentTable");
        waitFor(LONG, () -> table.getItems().size() == 2);
        waitFor(
                LONG,
                () ->
                        robot.lookup(".deployment-url").queryAllAs(Hyperlink.class).stream()
                                .map(Hyperlink::getText)
                                .toList()
                                .containsAll(
                                        List.of(
                                                CONFIG.deploymentUrl("demo", live),
                                                CONFIG.deploymentUrl("demo", preview))));
        assertThat(robot.lookup(".preview-badge").tryQuery()).isPresent();

        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#openDeploymentButton");
        waitFor(LONG, () -> opened.contains(CONFIG.deploymentUrl("demo", preview)));

        assertThat(onFx(() -> ((Button) find(robot, "#promoteButton")).isDisabled())).isFalse();
        robot.clickOn("#promoteButton");
        waitFor(LONG, () -> preview.value().equals(services.liveOf("demo")));
        waitFor(LONG, () -> text(robot, "#bannerText").contains("now serves the preview"));
        waitFor(LONG, () -> table.getItems().get(0).toString().contains("live=true"));
    }

    @Test
    void theDomainsTabAddsListsAndRemovesAHost(FxRobot robot) {
        services.seed("demo", DeploymentStatus.READY, true);
        openProject(robot, 1);
        ListView<?> list = find(robot, "#domainList");
        waitFor(LONG, list::isVisible);

        robot.clickOn("#hostField").write("www.bad/");
        waitFor(LONG, () -> find(robot, "#hostProblem").isVisible());
        assertThat(onFx(() -> ((Button) find(robot, "#addDomainButton")).isDisabled())).isTrue();
        robot.interact(() -> ((TextField) find(robot, "#hostField")).clear());
        robot.clickOn("#hostField").write("www.example.com");
        robot.clickOn("#addDomainButton");

        waitFor(LONG, () -> services.domainRecords.containsKey("www.example.com"));
        waitFor(LONG, () -> list.getItems().size() == 1);
        assertThat(services.domainRecords.get("www.example.com").project()).isEqualTo("demo");

        robot.interact(() -> list.getSelectionModel().select(0));
        robot.clickOn("#removeDomainButton");
        waitFor(LONG, () -> services.domainRecords.isEmpty());
        waitFor(LONG, () -> list.getItems().isEmpty());
    }

    @Test
    void theVariablesTabSavesAPlainAndASecretVariableAndMasksTheSecret(FxRobot robot) {
        services.seed("demo", DeploymentStatus.READY, true);
        openProject(robot, 2);
        TableView<?> table = find(robot, "#variableTable");
        waitFor(LONG, table::isVisible);

        robot.clickOn("#nameField").write("API_URL");
        robot.clickOn("#valueField").write("https://api.example.com");
        robot.clickOn("#addVariableButton");
        waitFor(LONG, () -> table.getItems().size() == 1);

        robot.clickOn("#nameField").write("API_TOKEN");
        robot.clickOn("#secretBox");
        waitFor(LONG, () -> find(robot, "#secretValueField").isVisible());
        assertThat(onFx(() -> find(robot, "#valueField").isVisible())).isFalse();
        robot.clickOn("#secretValueField").write("s3cr3t-value");
        robot.clickOn("#addVariableButton");
        waitFor(LONG, () -> table.getItems().size() == 2);

        assertThat(services.secretValues).containsEntry("demo/API_TOKEN", "s3cr3t-value");
        waitFor(
                LONG,
                () ->
                        robot.lookup(".table-cell").queryAllAs(Labeled.class).stream()
                                .anyMatch(c -> VariablesViewModel.MASK.equals(c.getText())));
        assertThat(robot.lookup(".table-cell").queryAllAs(Labeled.class))
                .extracting(Labeled::getText)
                .contains("https://api.example.com")
                .doesNotContain("s3cr3t-value");
        assertThat(onFx(() -> ((CheckBox) find(robot, "#secretBox")).isSelected())).isFalse();

        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#removeVariableButton");
        waitFor(LONG, () -> table.getItems().size() == 1);
        assertThat(services.secretValues).isEmpty();
    }

    @Test
    void aFolderWithoutGitIsAcceptedAndSaysWhatIsDeployed(FxRobot robot) throws Exception {
        Path folder = Files.createDirectories(home.resolve("notes-" + System.nanoTime()));
        Files.writeString(folder.resolve("index.html"), "<h1>notes</h1>");
        robot.interact(() -> ((TextField) find(robot, "#repoField")).setText(folder.toString()));

        waitFor(LONG, () -> find(robot, "#sourceHint").isVisible());
        assertThat(text(robot, "#sourceHint")).startsWith("A folder without Git");
        assertThat(onFx(() -> find(robot, "#repoProblem").isVisible())).isFalse();
        robot.clickOn("#deployButton");
        waitFor(LONG, () -> services.requests.size() == 1);
        assertThat(services.requests.get(0).repoUrl()).isEqualTo(folder.toString());
        assertThat(services.requests.get(0).preview()).isFalse();
    }

    @Test
    void aBuildThatEndsWhileTheWindowIsMinimizedNotifiesAndNotWhileInFront(FxRobot robot) {
        deploy(robot, "/tmp/repos/site");
        waitFor(LONG, () -> ui.watchedStatus() == DeploymentStatus.READY);
        assertThat(onFx(stage::isFocused)).as("the window was in front").isTrue();
        assertThat(notifications).as("no notification for a window in front").isEmpty();

        // Minimized, as when the user went on with something else.
        robot.interact(() -> stage.setIconified(true));
        robot.interact(() -> ((TextField) find(robot, "#repoField")).setText("/tmp/repos/site"));
        robot.interact(() -> ((Button) find(robot, "#deployButton")).fire());
        waitFor(LONG, () -> notifications.size() == 1);
        assertThat(notifications.get(0))
                .isEqualTo("Slipway: site | site is live at " + CONFIG.siteUrl("site"));

        robot.interact(
                () -> ((TextField) find(robot, "#repoField")).setText("/tmp/repos/broken-site"));
        robot.interact(() -> ((Button) find(robot, "#deployButton")).fire());
        waitFor(LONG, () -> notifications.size() == 2);
        assertThat(notifications.get(1))
                .startsWith("Slipway: broken-site | broken-site failed: ")
                .contains("exited with 1");
    }

    @Test
    void aFinishedDeploymentOpenedFromTheTableDoesNotNotify(FxRobot robot) {
        services.seed("demo", DeploymentStatus.READY, true);
        openProject(robot, 0);
        TableView<?> table = find(robot, "#deploymentTable");
        waitFor(LONG, () -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#viewLogButton");
        waitFor(LONG, () -> find(robot, "#liveBox").isVisible());
        waitFor(LONG, () -> text(robot, "#resultLabel").equals("Live at"));
        waitFor(LONG, () -> ui.watchedStatus() == DeploymentStatus.READY);
        assertThat(notifications).isEmpty();
    }
}
