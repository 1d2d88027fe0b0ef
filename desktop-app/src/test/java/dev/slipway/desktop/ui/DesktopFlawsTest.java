package dev.slipway.desktop.ui;

import static dev.slipway.desktop.ui.FxHelpers.onFx;
import static dev.slipway.desktop.ui.FxHelpers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.desktop.ui.browser.BrowserUnavailableException;
import dev.slipway.desktop.ui.logpane.LogLine;
import dev.slipway.desktop.ui.task.FxTaskRunner;
import dev.slipway.desktop.ui.window.StackOnClose;
import dev.slipway.desktop.ui.window.WindowState;
import dev.slipway.desktop.ui.window.WindowStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.effect.DropShadow;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Issue 14's flaws, each driven through the window as a person would meet it. */
@ExtendWith(ApplicationExtension.class)
class DesktopFlawsTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir static Path home;
    private InMemoryAppServices services;
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final AtomicBoolean browserMissing = new AtomicBoolean(false);
    private FxTaskRunner tasks;
    private DesktopUi ui;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory(home, "home");
        this.stage = stage;
        services = new InMemoryAppServices(dir);
        tasks = new FxTaskRunner(2);
        ui =
                new DesktopUi(
                        services,
                        url -> {
                            if (browserMissing.get()) {
                                throw new BrowserUnavailableException(
                                        "xdg-open could not open it (exit status 3)", null);
                            }
                            opened.add(url);
                        },
                        tasks,
                        Clock.systemUTC(),
                        ZoneOffset.UTC);
        ui.show(stage);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        services.wake.countDown();
        robot.interact(ui::close);
        tasks.close();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Node> T find(FxRobot robot, String query) {
        return (T) robot.lookup(query).query();
    }

    private void deploy(FxRobot robot, String repo) {
        robot.interact(() -> ((TextField) find(robot, "#repoField")).setText(repo));
        robot.clickOn("#deployButton");
    }

    private static String text(FxRobot robot, String query) {
        return onFx(() -> ((Labeled) find(robot, query)).getText());
    }

    // 1
    @Test
    void ctrlFInTheFormSearchesTheLogAndEnterThereNeverDeploys(FxRobot robot) {
        deploy(robot, "/tmp/repos/site");
        waitFor(LONG, () -> find(robot, "#liveBox").isVisible());
        robot.clickOn("#slugField");
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        waitFor(LONG, () -> find(robot, "#searchField").isFocused());
        robot.write("step 7").type(KeyCode.ENTER);

        assertThat(services.requests).hasSize(1);
        assertThat(onFx(() -> ((TextField) find(robot, "#slugField")).getText())).isEqualTo("site");
        waitFor(LONG, () -> !((Label) find(robot, "#searchStatus")).getText().isEmpty());
        ListView<LogLine> log = find(robot, ".log-list");
        assertThat(onFx(() -> log.getSelectionModel().getSelectedItem().plain()))
                .contains("step 7");
    }

    // 2
    @Test
    void openInBrowserWithoutAUrlHandlerSaysSoWithTheAddress(FxRobot robot) {
        browserMissing.set(true);
        deploy(robot, "/tmp/repos/site");
        waitFor(LONG, () -> find(robot, "#liveBox").isVisible());
        robot.clickOn("#openSiteButton");
        waitFor(LONG, () -> find(robot, "#banner").isVisible());
        assertThat(text(robot, "#bannerText"))
                .contains("No browser could be opened")
                .contains("xdg-open")
                .contains(SlipwayConfig.defaults().siteUrl("site"));
    }

    // 3
    @Test
    void aHoleInTheLiveStreamIsFilledFromTheArchiveAndTheEndIsShown(FxRobot robot) {
        deploy(robot, "/tmp/repos/holey-site");
        waitFor(LONG, () -> find(robot, "#liveBox").isVisible());
        ListView<LogLine> log = find(robot, ".log-list");
        waitFor(LONG, () -> log.getItems().size() == 42);
        List<String> lines = onFx(() -> log.getItems().stream().map(LogLine::plain).toList());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add("✓ step " + i);
        }
        assertThat(lines.subList(2, 42)).containsExactlyElementsOf(expected);
        assertThat(text(robot, "#lineCount")).isEqualTo("42 lines");
        assertThat(onFx(() -> robot.lookup(".step-state-active").queryAll())).isEmpty();
    }

    // 4
    @Test
    void stoppingTheStackMidBuildShowsALostStateWithStartAndRetry(FxRobot robot) {
        deploy(robot, "/tmp/repos/sleeping-site");
        waitFor(LONG, () -> find(robot, "#cancelButton").isVisible());
        services.stackRunning.set(false);
        robot.type(KeyCode.F5);

        waitFor(LONG, () -> find(robot, "#lostBox").isVisible());
        assertThat(onFx(() -> find(robot, "#cancelButton").isVisible())).isFalse();
        assertThat(text(robot, "#lostLabel"))
                .contains("local stack stopped")
                .doesNotContain("slipway ");
        Button start = find(robot, "#lostStartButton");
        assertThat(onFx(start::isVisible)).isTrue();
        robot.interact(start::fire);
        waitFor(LONG, () -> services.stackStarts.get() == 1);

        // With the stack back, Retry follows the build's log again, to its end.
        robot.interact(() -> ((Button) find(robot, "#retryButton")).fire());
        waitFor(LONG, () -> !find(robot, "#lostBox").isVisible());
        waitFor(LONG, () -> find(robot, "#cancelButton").isVisible());
        services.wake.countDown();
        waitFor(LONG, () -> find(robot, "#liveBox").isVisible());
    }

    // 5
    @Test
    void atTheDefaultSizeAndAtTheSmallestNoLabelIsCut(FxRobot robot) {
        deploy(robot, "/tmp/repos/site");
        waitFor(LONG, () -> find(robot, "#liveBox").isVisible());
        robot.interact(
                () -> {
                    stage.setWidth(WindowState.DEFAULT_WIDTH);
                    stage.setHeight(WindowState.DEFAULT_HEIGHT);
                });
        waitForNoCut(robot);

        robot.interact(
                () -> {
                    stage.setWidth(WindowState.MIN_WIDTH);
                    stage.setHeight(WindowState.MIN_HEIGHT);
                });
        waitForNoCut(robot);
        // Below the default, the log toolbar shows symbols with the words in tooltips.
        Button copyAll = find(robot, "#copyAllButton");
        assertThat(onFx(() -> copyAll.getTooltip().getText())).isEqualTo("Copy all");
    }

    @Test
    void atTheDefaultSizeTheDeploymentsTableShowsItsHeadersStatusTimesAndDurationsWhole(
            FxRobot robot) {
        services.seed("site", DeploymentStatus.READY, true);
        services.seed("site", DeploymentStatus.FAILED, false);
        robot.interact(
                () -> {
                    stage.setWidth(WindowState.DEFAULT_WIDTH);
                    stage.setHeight(WindowState.DEFAULT_HEIGHT);
                });
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        ListView<?> projects = find(robot, "#projectList");
        robot.clickOn("#refreshButton");
        waitFor(LONG, () -> projects.getItems().size() == 1);
        robot.clickOn(".project-name");
        TableView<?> table = find(robot, "#deploymentTable");
        waitFor(LONG, () -> table.getItems().size() == 2);

        // The id, commit and address may end in an ellipsis (the whole value is a click away);
        // the headers, the status, the time and the duration never do.
        java.util.function.Supplier<List<String>> cut =
                () ->
                        onFx(() -> cutLabels(table)).stream()
                                .filter(
                                        c ->
                                                !c.startsWith("01")
                                                        && !c.startsWith("http")
                                                        && !c.matches("^[0-9a-f]{7} .*"))
                                .toList();
        try {
            waitFor(LONG, () -> cut.get().isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertThat(cut.get()).isEmpty();
        }
        // And they were looked at: the headers are among the labels checked.
        assertThat(onFx(() -> labelTexts(table)))
                .contains("Deployment", "Status", "Created", "Duration", "just now");
        // The live deployment carries the Live badge, the other one none.
        assertThat(
                        onFx(
                                () ->
                                        robot.from(table).lookup(".live-badge").queryAll().stream()
                                                .filter(Node::isVisible)
                                                .map(n -> ((Labeled) n).getText())
                                                .toList()))
                .containsExactly("Live");
    }

    private static List<String> labelTexts(Node root) {
        List<String> out = new ArrayList<>();
        if (root instanceof Labeled l && l.getText() != null && root.isVisible()) {
            out.add(l.getText());
        }
        if (root instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> out.addAll(labelTexts(c)));
        }
        return out;
    }

    @Test
    void restoresSizeAndPosition(FxRobot robot) {
        robot.interact(
                () -> {
                    stage.setX(40);
                    stage.setY(30);
                    stage.setWidth(1000);
                    stage.setHeight(700);
                });
        robot.interact(stage::hide);
        WindowState saved = new WindowStateStore(services.home()).load();
        assertThat(saved.x()).isEqualTo(40);
        assertThat(saved.y()).isEqualTo(30);
        assertThat(saved.width()).isEqualTo(1000);
        Stage again = onFx(Stage::new);
        DesktopUi second =
                onFx(
                        () ->
                                new DesktopUi(
                                        services,
                                        opened::add,
                                        tasks,
                                        Clock.systemUTC(),
                                        ZoneOffset.UTC));
        robot.interact(() -> second.show(again));
        assertThat(onFx(again::getX)).isEqualTo(40);
        assertThat(onFx(again::getWidth)).isEqualTo(1000);
        robot.interact(
                () -> {
                    second.close();
                    again.hide();
                });
    }

    private void waitForNoCut(FxRobot robot) {
        try {
            waitFor(LONG, () -> cutLabels(stage.getScene().getRoot()).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertThat(onFx(() -> cutLabels(stage.getScene().getRoot()))).isEmpty();
        }
    }

    /** Every shown label, button or link whose text is drawn shortened. */
    private static List<String> cutLabels(Parent root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String shown = l.isMnemonicParsing() ? l.getText().replaceFirst("_", "") : l.getText();
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text t
                        && t.isVisible()
                        && !t.getText().equals(shown)
                        && !l.isWrapText()) {
                    cut.add(l.getText() + " → " + t.getText());
                }
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, cut);
            }
        }
    }

    // 6
    @Test
    void settingsShowTheProblemWhereItIsAndRefuseAnIncompleteAwsMode(FxRobot robot)
            throws Exception {
        robot.clickOn("#settingsButton");
        waitFor(LONG, () -> robot.lookup("#proxyPortField").tryQuery().isPresent());
        TextField port = find(robot, "#proxyPortField");
        robot.interact(() -> port.setText("80800"));
        Label portProblem = find(robot, "#portProblem");
        waitFor(LONG, portProblem::isVisible);
        assertThat(onFx(portProblem::getText)).contains("1 to 65535");
        robot.interact(() -> port.setText("8000"));
        waitFor(LONG, () -> !portProblem.isVisible());

        robot.clickOn((RadioButton) find(robot, "#awsRadio"));
        robot.clickOn("#saveButton");
        Label problem = find(robot, "#problemLabel");
        waitFor(LONG, problem::isVisible);
        assertThat(onFx(problem::getText))
                .contains("Bucket")
                .contains("Subnets")
                .contains("Redis URL");
        assertThat(Files.exists(services.config().file())).isFalse();

        robot.clickOn((RadioButton) find(robot, "#localRadio"));
        robot.clickOn("#testButton");
        Label summary = find(robot, "#checkSummary");
        waitFor(LONG, summary::isVisible);
        assertThat(onFx(summary::getText))
                .isEqualTo("1 of 2 checks failed; fix it before deploying.");
        ListView<?> checks = find(robot, "#checkList");
        assertThat(onFx(() -> checks.getItems().get(0).toString())).contains("ok=false");
    }

    // 7
    @Test
    void enterTwiceStartsOneBuild(FxRobot robot) {
        robot.clickOn("#repoField").write("/tmp/repos/sleeping-site");
        robot.type(KeyCode.ENTER);
        waitFor(LONG, () -> find(robot, "#cancelButton").isVisible());
        robot.clickOn("#repoField").type(KeyCode.ENTER);
        waitFor(LONG, () -> find(robot, "#banner").isVisible());
        assertThat(services.requests).hasSize(1);
        assertThat(text(robot, "#bannerText")).contains("already building");
    }

    @Test
    void aCancelIsShownPlainlyWithoutTheSignal(FxRobot robot) {
        deploy(robot, "/tmp/repos/sleeping-site");
        waitFor(LONG, () -> find(robot, "#cancelButton").isVisible());
        robot.interact(() -> ((Button) find(robot, "#cancelButton")).fire());
        waitFor(LONG, () -> find(robot, "#failedBox").isVisible());
        assertThat(text(robot, "#failureLabel")).startsWith("Canceled").doesNotContain("SIGTERM");
        assertThat(onFx(() -> find(robot, "#failedBox").getStyleClass()))
                .contains("canceled-box")
                .doesNotContain("failed-box");
    }

    @Test
    void aFailureSelectsTheStderrLineNotTheEchoAndPointsBelow(FxRobot robot) {
        deploy(robot, "/tmp/repos/echo-site");
        waitFor(LONG, () -> find(robot, "#failedBox").isVisible());
        assertThat(text(robot, "#failureLabel"))
                .isEqualTo(
                        "npm run build exited with 1. The first error line is selected in the"
                                + " log below.");
        ListView<LogLine> log = find(robot, ".log-list");
        waitFor(LONG, () -> log.getSelectionModel().getSelectedItem() != null);
        assertThat(onFx(() -> log.getSelectionModel().getSelectedItem().plain()))
                .isEqualTo("Cannot read properties of undefined");
    }

    @Test
    void aFailureWhoseLogArrivesAtOnceScrollsTheErrorLineIntoSight(FxRobot robot) {
        deploy(robot, "/tmp/repos/burst-site");
        waitFor(LONG, () -> find(robot, "#failedBox").isVisible());
        ListView<LogLine> log = find(robot, ".log-list");
        waitFor(LONG, () -> log.getSelectionModel().getSelectedItem() != null);
        assertThat(onFx(() -> log.getSelectionModel().getSelectedItem().plain()))
                .isEqualTo("error: Could not resolve ./Header");
        waitFor(
                LONG,
                () ->
                        onFx(
                                () -> {
                                    VirtualFlow<?> flow =
                                            (VirtualFlow<?>) log.lookup(".virtual-flow");
                                    int selected = log.getSelectionModel().getSelectedIndex();
                                    return flow.getFirstVisibleCell() != null
                                            && flow.getFirstVisibleCell().getIndex() <= selected
                                            && flow.getLastVisibleCell().getIndex() >= selected;
                                }));
    }

    // 8
    @Test
    void focusedControlsShowARingInBothThemes(FxRobot robot) {
        // The headless window never holds the keyboard focus, so the test sets the :focused state
        // the way the focus owner does and checks what the stylesheets make of it.
        javafx.css.PseudoClass focused = javafx.css.PseudoClass.getPseudoClass("focused");
        for (int theme = 0; theme < 2; theme++) {
            javafx.scene.paint.Color ring =
                    javafx.scene.paint.Color.web(theme == 0 ? "#0969da" : "#58a6ff");
            for (String id : List.of("#deployButton", "#repoField", "#themeToggle")) {
                Node node = find(robot, id);
                robot.interact(
                        () -> {
                            node.pseudoClassStateChanged(focused, true);
                            node.applyCss();
                        });
                waitFor(
                        LONG,
                        () ->
                                node.getEffect() instanceof DropShadow d
                                        && d.getColor().equals(ring));
                robot.interact(
                        () -> {
                            node.pseudoClassStateChanged(focused, false);
                            node.applyCss();
                        });
                waitFor(
                        LONG,
                        () ->
                                !(node.getEffect() instanceof DropShadow d
                                        && d.getColor().equals(ring)));
            }
            robot.interact(() -> ui.themeProperty().set(ui.themeProperty().get().other()));
        }
    }

    @Test
    void afterARollbackTheDeployPaneSaysItIsNoLongerLive(FxRobot robot) {
        DeploymentId older = services.seed("site", DeploymentStatus.READY, true);
        deploy(robot, "/tmp/repos/site");
        waitFor(LONG, () -> find(robot, "#liveBox").isVisible());
        assertThat(text(robot, "#resultLabel")).isEqualTo("Live at");

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        ListView<?> projects = find(robot, "#projectList");
        robot.clickOn("#refreshButton");
        waitFor(LONG, () -> projects.getItems().size() == 1);
        robot.clickOn(".project-name");
        TableView<?> table = find(robot, "#deploymentTable");
        waitFor(LONG, () -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(1));
        robot.clickOn("#rollbackButton");
        // The confirmation first.
        waitFor(LONG, () -> robot.lookup(".rollback-dialog").tryQuery().isPresent());
        robot.clickOn("Roll back");
        waitFor(LONG, () -> older.value().equals(services.liveOf("site")));

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        waitFor(LONG, () -> text(robot, "#resultLabel").contains("not live"));
        assertThat(text(robot, "#resultLabel")).contains(older.value());
    }

    @Test
    void goodNewsInTheBannerGoesAwayByItself(FxRobot robot) {
        services.seed("site", DeploymentStatus.READY, true);
        services.seed("site", DeploymentStatus.READY, true);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        ListView<?> projects = find(robot, "#projectList");
        robot.clickOn("#refreshButton");
        waitFor(LONG, () -> projects.getItems().size() == 1);
        robot.clickOn(".project-name");
        TableView<?> table = find(robot, "#deploymentTable");
        waitFor(LONG, () -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(1));
        robot.clickOn("#rollbackButton");
        waitFor(LONG, () -> robot.lookup(".rollback-dialog").tryQuery().isPresent());
        robot.clickOn("Roll back");
        waitFor(LONG, () -> find(robot, "#banner").isVisible());
        waitFor(LONG, () -> !find(robot, "#banner").isVisible());
    }

    @Test
    void aFinishedDeploymentOpensWithItsOutcomeAndNoCancel(FxRobot robot) {
        services.seed("site", DeploymentStatus.READY, true);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        ListView<?> projects = find(robot, "#projectList");
        robot.clickOn("#refreshButton");
        waitFor(LONG, () -> projects.getItems().size() == 1);
        robot.clickOn(".project-name");
        TableView<?> table = find(robot, "#deploymentTable");
        waitFor(LONG, () -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        // Checked in the same FX turn as the click: no moment with a Cancel button.
        List<Boolean> seen =
                onFx(
                        () -> {
                            ((Button) find(robot, "#viewLogButton")).fire();
                            return List.of(
                                    find(robot, "#cancelButton").isVisible(),
                                    find(robot, "#liveBox").isVisible());
                        });
        assertThat(seen).containsExactly(false, true);
        assertThat(text(robot, "#commitLabel"))
                .startsWith("0123456")
                .contains("Seeded")
                .endsWith("branch main");
    }

    @Test
    void theSlugSuggestionComesBackAfterClearing(FxRobot robot) {
        robot.clickOn("#repoField").write("/tmp/repos/My_Site");
        TextField slug = find(robot, "#slugField");
        robot.interact(() -> slug.setText(""));
        assertThat(onFx(slug::getPromptText)).isEqualTo("my-site");
        assertThat(onFx(() -> find(robot, "#deployButton").isDisabled())).isFalse();
        robot.clickOn("#deployButton");
        waitFor(LONG, () -> !services.requests.isEmpty());
        assertThat(services.requests.get(0).slug()).isEqualTo("my-site");
    }

    @Test
    void anAddressWithoutARepositoryIsRefusedInTheForm(FxRobot robot) {
        robot.clickOn("#repoField").write("https://");
        Label problem = find(robot, "#repoProblem");
        waitFor(LONG, problem::isVisible);
        assertThat(onFx(problem::getText)).contains("'https://'").contains("git clone");
        assertThat(onFx(() -> find(robot, "#deployButton").isDisabled())).isTrue();
    }

    @Test
    void theStacksAutomaticStartIsExplained(FxRobot robot) {
        services.stackRunning.set(false);
        robot.clickOn("#repoField").type(KeyCode.F5);
        waitFor(LONG, () -> find(robot, ".status-bar #startStackButton").isVisible());
        robot.interact(() -> ((TextField) find(robot, "#repoField")).setText("/tmp/repos/site"));
        String progress =
                onFx(
                        () -> {
                            ((Button) find(robot, "#deployButton")).fire();
                            return ((Label) find(robot, "#progressLabel")).getText();
                        });
        assertThat(progress).contains("Starting the local stack first");
    }

    // 9 and issue 18
    @Test
    void closingAsksAboutTheRunningStackAndStopsItWhenTold(FxRobot robot) {
        robot.interact(
                () ->
                        stage.fireEvent(
                                new javafx.stage.WindowEvent(
                                        stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitFor(LONG, () -> robot.lookup(".close-dialog").tryQuery().isPresent());
        assertThat(onFx(stage::isShowing)).isTrue();
        robot.clickOn("#rememberStackChoice");
        robot.clickOn("Stop it");
        waitFor(LONG, () -> services.stackStops.get() == 1);
        waitFor(LONG, () -> !stage.isShowing());
        assertThat(new WindowStateStore(services.home()).load().stackOnClose())
                .isEqualTo(StackOnClose.STOP);
    }

    @Test
    void theSettingsChoiceOnClosingIsFollowedWithoutAsking(FxRobot robot) {
        robot.clickOn("#settingsButton");
        waitFor(LONG, () -> robot.lookup("#stackOnCloseChoice").tryQuery().isPresent());
        javafx.scene.control.ComboBox<StackOnClose> choice = find(robot, "#stackOnCloseChoice");
        robot.interact(() -> choice.getSelectionModel().select(StackOnClose.KEEP));
        waitFor(
                LONG,
                () ->
                        new WindowStateStore(services.home()).load().stackOnClose()
                                == StackOnClose.KEEP);
        closeRequest(robot);
        // Kept: no question, nothing stopped.
        robot.sleep(500);
        assertThat(robot.lookup(".close-dialog").tryQuery()).isEmpty();
        assertThat(services.stackStops.get()).isZero();

        robot.interact(() -> choice.getSelectionModel().select(StackOnClose.STOP));
        waitFor(
                LONG,
                () ->
                        new WindowStateStore(services.home()).load().stackOnClose()
                                == StackOnClose.STOP);
        closeRequest(robot);
        waitFor(LONG, () -> services.stackStops.get() == 1);
        waitFor(LONG, () -> !stage.isShowing());
        assertThat(robot.lookup(".close-dialog").tryQuery()).isEmpty();
    }

    private void closeRequest(FxRobot robot) {
        robot.interact(
                () ->
                        stage.fireEvent(
                                new javafx.stage.WindowEvent(
                                        stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    @Test
    void openingWithTheStackStoppedStartsNothingAndListsNothing(FxRobot robot) {
        robot.interact(ui::close);
        robot.interact(stage::hide);
        services.stackRunning.set(false);
        int listsBefore = services.projectLists.get();
        Stage again = onFx(Stage::new);
        DesktopUi second =
                onFx(
                        () ->
                                new DesktopUi(
                                        services,
                                        opened::add,
                                        tasks,
                                        Clock.systemUTC(),
                                        ZoneOffset.UTC));
        robot.interact(() -> second.show(again));
        waitFor(
                LONG,
                () ->
                        ((Label)
                                        robot.from(again.getScene().getRoot())
                                                .lookup("#statusText")
                                                .query())
                                .getText()
                                .contains("starts with the first deploy"));
        assertThat(services.stackStarts.get()).isZero();
        assertThat(services.projectLists.get()).isEqualTo(listsBefore);
        robot.interact(
                () -> {
                    second.close();
                    again.hide();
                });
    }
}
