package dev.slipway.desktop.ui;

import static dev.slipway.desktop.ui.FxHelpers.onFx;
import static dev.slipway.desktop.ui.FxHelpers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.desktop.ui.task.FxTaskRunner;
import dev.slipway.desktop.ui.window.Theme;
import dev.slipway.desktop.ui.window.WindowState;
import dev.slipway.desktop.ui.window.WindowStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What a new start of the app brings back from {@code desktop.json}: the window as it was closed
 * (fitted to the screen there is now), the theme, and the deployment last watched. Each test closes
 * the window and opens the app again on the same home, through real stages.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopRestartTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir static Path home;
    private InMemoryAppServices services;
    private FxTaskRunner tasks;
    private Stage stage;
    private final List<DesktopUi> uis = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        services = new InMemoryAppServices(Files.createTempDirectory(home, "home"));
        tasks = new FxTaskRunner(2);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        services.wake.countDown();
        robot.interact(
                () -> {
                    uis.forEach(DesktopUi::close);
                    stages.forEach(Stage::hide);
                });
        tasks.close();
    }

    /** Opens the app's window on {@code target}, as a start of the app does. */
    private Stage open(FxRobot robot, Stage target) {
        DesktopUi ui =
                onFx(
                        () ->
                                new DesktopUi(
                                        services,
                                        url -> {},
                                        tasks,
                                        Clock.systemUTC(),
                                        ZoneOffset.UTC));
        uis.add(ui);
        stages.add(target);
        robot.interact(() -> ui.show(target));
        return target;
    }

    /** Closes the window (it remembers itself as it hides) and starts the app again. */
    private Stage restart(FxRobot robot, Stage current) {
        DesktopUi ui = lastUi();
        robot.interact(
                () -> {
                    current.hide();
                    ui.close();
                });
        return open(robot, onFx(Stage::new));
    }

    private DesktopUi lastUi() {
        return uis.get(uis.size() - 1);
    }

    private void remember(double x, double y, double width, double height) {
        new WindowStateStore(services.home())
                .save(new WindowState(x, y, width, height, false, Theme.LIGHT));
    }

    private static <T extends Node> T find(FxRobot robot, Stage in, String query, Class<T> type) {
        return type.cast(robot.from(in.getScene().getRoot()).lookup(query).query());
    }

    private static String text(FxRobot robot, Stage in, String query) {
        Label label = find(robot, in, query, Label.class);
        return onFx(label::getText);
    }

    private static Rectangle2D screen() {
        return onFx(() -> Screen.getPrimary().getVisualBounds());
    }

    @Test
    void aWindowClosedMaximizedOpensMaximized(FxRobot robot) {
        Stage first = open(robot, stage);
        assertThat(onFx(first::isMaximized)).isFalse();
        robot.interact(() -> first.setMaximized(true));

        Stage second = restart(robot, first);
        assertThat(onFx(second::isMaximized)).isTrue();
        assertThat(new WindowStateStore(services.home()).load().maximized()).isTrue();

        robot.interact(() -> second.setMaximized(false));
        Stage third = restart(robot, second);
        assertThat(onFx(third::isMaximized)).isFalse();
    }

    @Test
    void aPlaceOnAScreenThatIsGoneOpensOnThisScreen(FxRobot robot) {
        // Closed on a second monitor, far right of this one, which is no longer attached.
        Rectangle2D screen = screen();
        remember(screen.getMaxX() + 2000, screen.getMaxY() + 1000, 1000, 700);

        Stage opened = open(robot, stage);

        double x = onFx(opened::getX);
        double y = onFx(opened::getY);
        assertThat(x).isBetween(screen.getMinX(), screen.getMaxX() - 200);
        assertThat(y).isBetween(screen.getMinY(), screen.getMaxY() - 40);
        assertThat(onFx(opened::getWidth)).isEqualTo(1000);
        assertThat(onFx(opened::getHeight)).isEqualTo(700);
    }

    @Test
    void aPlaceAndSizeOnThisScreenAreTakenAsTheyWere(FxRobot robot) {
        Rectangle2D screen = screen();
        remember(screen.getMinX() + 25, screen.getMinY() + 35, 900, 610);

        Stage opened = open(robot, stage);

        assertThat(onFx(opened::getX)).isEqualTo(screen.getMinX() + 25);
        assertThat(onFx(opened::getY)).isEqualTo(screen.getMinY() + 35);
        assertThat(onFx(opened::getWidth)).isEqualTo(900);
        assertThat(onFx(opened::getHeight)).isEqualTo(610);
    }

    @Test
    void aSizeFromALargerScreenIsFittedToThisOne(FxRobot robot) {
        Rectangle2D screen = screen();
        remember(
                screen.getMinX(),
                screen.getMinY(),
                screen.getWidth() + 1500,
                screen.getHeight() + 900);

        Stage opened = open(robot, stage);

        assertThat(onFx(opened::getWidth)).isLessThanOrEqualTo(screen.getWidth());
        assertThat(onFx(opened::getHeight)).isLessThanOrEqualTo(screen.getHeight());
        assertThat(onFx(opened::getWidth)).isGreaterThanOrEqualTo(WindowState.MIN_WIDTH);
    }

    @Test
    void theDarkThemeComesBack(FxRobot robot) {
        Stage first = open(robot, stage);
        ToggleButton toggle = find(robot, first, "#themeToggle", ToggleButton.class);
        robot.interact(toggle::fire);
        assertThat(onFx(() -> first.getScene().getRoot().getStyleClass())).contains("dark");

        Stage second = restart(robot, first);
        assertThat(onFx(() -> second.getScene().getRoot().getStyleClass())).contains("dark");
        ToggleButton again = find(robot, second, "#themeToggle", ToggleButton.class);
        assertThat(onFx(again::isSelected)).isTrue();
        assertThat(onFx(() -> lastUi().themeProperty().get())).isEqualTo(Theme.DARK);

        // Closing again without touching it keeps it dark.
        Stage third = restart(robot, second);
        assertThat(onFx(() -> third.getScene().getRoot().getStyleClass())).contains("dark");
    }

    @Test
    void theDeploymentLastOpenedFromTheTableOpensAgainWithItsOutcome(FxRobot robot) {
        DeploymentId older = services.seed("site", DeploymentStatus.READY, false);
        services.seed("site", DeploymentStatus.READY, true);
        Stage first = open(robot, stage);
        ListView<?> projects = find(robot, first, "#projectList", ListView.class);
        waitFor(LONG, () -> projects.getItems().size() == 1);
        robot.interact(() -> projects.getSelectionModel().select(0));
        TableView<?> table = find(robot, first, "#deploymentTable", TableView.class);
        waitFor(LONG, () -> table.getItems().size() == 2);
        robot.interact(
                () -> {
                    table.getSelectionModel().select(1);
                    find(robot, first, "#viewLogButton", Button.class).fire();
                });
        waitFor(LONG, () -> text(robot, first, "#titleLabel").equals("site · " + older.value()));

        Stage second = restart(robot, first);

        waitFor(LONG, () -> text(robot, second, "#titleLabel").equals("site · " + older.value()));
        waitFor(LONG, () -> find(robot, second, "#liveBox", Node.class).isVisible());
        assertThat(onFx(() -> find(robot, second, "#cancelButton", Node.class).isVisible()))
                .isFalse();
        assertThat(lastUi().watchedDeployment().id()).isEqualTo(older);
        assertThat(lastUi().watchedStatus()).isEqualTo(DeploymentStatus.READY);
    }

    @Test
    void aDeploymentRememberedWhileTheStackIsStoppedOpensOnceTheStackRuns(FxRobot robot) {
        Stage first = open(robot, stage);
        robot.interact(
                () -> find(robot, first, "#repoField", TextField.class).setText("/tmp/repos/site"));
        robot.interact(() -> find(robot, first, "#deployButton", Button.class).fire());
        waitFor(LONG, () -> find(robot, first, "#liveBox", Node.class).isVisible());
        DeploymentId built = lastUi().watchedDeployment().id();

        services.stackRunning.set(false);
        Stage second = restart(robot, first);
        waitFor(
                LONG,
                () -> text(robot, second, "#statusText").contains("starts with the first deploy"));
        // Named, but not read before a backend runs: the app never starts the stack for it.
        assertThat(text(robot, second, "#titleLabel"))
                .isEqualTo("Last deployment: site · " + built.value());
        assertThat(lastUi().watchedDeployment()).isNull();
        assertThat(services.stackStarts.get()).isZero();

        robot.interact(
                () -> find(robot, second, ".status-bar #startStackButton", Button.class).fire());
        waitFor(LONG, () -> find(robot, second, "#liveBox", Node.class).isVisible());
        assertThat(text(robot, second, "#titleLabel")).isEqualTo("site · " + built.value());
        assertThat(lastUi().watchedDeployment().id()).isEqualTo(built);
    }
}
