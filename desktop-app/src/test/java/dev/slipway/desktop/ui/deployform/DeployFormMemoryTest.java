package dev.slipway.desktop.ui.deployform;

import static dev.slipway.desktop.ui.FxHelpers.onFx;
import static dev.slipway.desktop.ui.FxHelpers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.project.SpaMode;
import dev.slipway.desktop.ui.DesktopUi;
import dev.slipway.desktop.ui.InMemoryAppServices;
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
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The deploy form as it was left and the recent repositories, kept in {@code desktop.json} and
 * shown again by the next start of the window (closed and opened again on the same home).
 */
@ExtendWith(ApplicationExtension.class)
class DeployFormMemoryTest {

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
        DesktopUi ui = uis.get(uis.size() - 1);
        robot.interact(
                () -> {
                    current.hide();
                    ui.close();
                });
        return open(robot, onFx(Stage::new));
    }

    private static <T extends Node> T find(FxRobot robot, Stage in, String query, Class<T> type) {
        return type.cast(robot.from(in.getScene().getRoot()).lookup(query).query());
    }

    private static String text(FxRobot robot, Stage in, String field) {
        TextField f = find(robot, in, field, TextField.class);
        return onFx(f::getText);
    }

    private static void type(FxRobot robot, Stage in, String field, String value) {
        TextField f = find(robot, in, field, TextField.class);
        robot.interact(() -> f.setText(value));
    }

    private static List<String> recent(FxRobot robot, Stage in) {
        MenuButton menu = find(robot, in, "#recentButton", MenuButton.class);
        return onFx(() -> menu.getItems().stream().map(MenuItem::getText).toList());
    }

    /** Deploys what the form holds and waits until the build has started. */
    private void deploy(FxRobot robot, Stage in) {
        int before = services.requests.size();
        Button deploy = find(robot, in, "#deployButton", Button.class);
        waitFor(LONG, () -> !deploy.isDisabled());
        robot.interact(deploy::fire);
        waitFor(LONG, () -> services.requests.size() == before + 1 && !deploy.isDisabled());
    }

    @Test
    void theFormAsItWasLeftComesBackOnTheNextStart(FxRobot robot) {
        Stage first = open(robot, stage);
        type(robot, first, "#repoField", "/tmp/repos/site");
        type(robot, first, "#slugField", "my-own");
        type(robot, first, "#refField", "release");
        type(robot, first, "#rootField", "web");
        type(robot, first, "#installField", "pnpm install");
        type(robot, first, "#buildField", "pnpm build");
        type(robot, first, "#outputField", "public");
        ComboBox<?> spa = find(robot, first, "#spaChoice", ComboBox.class);
        robot.interact(() -> spa.getSelectionModel().select(spa.getItems().indexOf(SpaMode.TRUE)));
        assertThat(onFx(spa::getValue)).isEqualTo(SpaMode.TRUE);
        deploy(robot, first);
        // Changed after the deploy and never deployed: still what the form held on closing.
        type(robot, first, "#refField", "v2");

        Stage second = restart(robot, first);

        assertThat(text(robot, second, "#repoField")).isEqualTo("/tmp/repos/site");
        assertThat(text(robot, second, "#slugField")).isEqualTo("my-own");
        assertThat(text(robot, second, "#refField")).isEqualTo("v2");
        assertThat(text(robot, second, "#rootField")).isEqualTo("web");
        assertThat(text(robot, second, "#installField")).isEqualTo("pnpm install");
        assertThat(text(robot, second, "#buildField")).isEqualTo("pnpm build");
        assertThat(text(robot, second, "#outputField")).isEqualTo("public");
        ComboBox<?> spaAgain = find(robot, second, "#spaChoice", ComboBox.class);
        assertThat(onFx(spaAgain::getValue)).isEqualTo(SpaMode.TRUE);
        // Restored, not typed: no complaint shows, and Deploy sends the restored form.
        assertThat(onFx(() -> find(robot, second, "#repoProblem", Node.class).isVisible()))
                .isFalse();
        deploy(robot, second);
        assertThat(services.requests.get(1).slug()).isEqualTo("my-own");
        assertThat(services.requests.get(1).settings().ref()).isEqualTo("v2");
        assertThat(services.requests.get(1).settings().outputDirectory()).isEqualTo("public");
    }

    @Test
    void aSuggestedNameStillFollowsTheRepositoryAfterARestartAndATypedOneStays(FxRobot robot) {
        Stage first = open(robot, stage);
        type(robot, first, "#repoField", "/tmp/repos/My_Site");
        assertThat(text(robot, first, "#slugField")).isEqualTo("my-site");
        deploy(robot, first);

        Stage second = restart(robot, first);
        assertThat(text(robot, second, "#slugField")).isEqualTo("my-site");
        type(robot, second, "#repoField", "/tmp/repos/Other_Site");
        assertThat(text(robot, second, "#slugField")).isEqualTo("other-site");

        type(robot, second, "#slugField", "mine");
        Stage third = restart(robot, second);
        assertThat(text(robot, third, "#slugField")).isEqualTo("mine");
        type(robot, third, "#repoField", "/tmp/repos/Third_Site");
        assertThat(text(robot, third, "#slugField")).isEqualTo("mine");
    }

    @Test
    void recentKeepsTheLastEightRepositoriesNewestFirstWithoutRepeats(FxRobot robot) {
        List<String> eight = IntStream.rangeClosed(1, 8).mapToObj(i -> "/tmp/repos/r" + i).toList();
        new WindowStateStore(services.home())
                .save(
                        new WindowState(
                                null,
                                null,
                                WindowState.DEFAULT_WIDTH,
                                WindowState.DEFAULT_HEIGHT,
                                false,
                                Theme.LIGHT,
                                null,
                                eight,
                                null,
                                null,
                                null));
        Stage first = open(robot, stage);
        assertThat(recent(robot, first)).containsExactlyElementsOf(eight);

        // Deploying one of them again moves it to the top; it is not listed twice.
        type(robot, first, "#repoField", "/tmp/repos/r5");
        deploy(robot, first);
        List<String> afterR5 =
                List.of(
                        "/tmp/repos/r5",
                        "/tmp/repos/r1",
                        "/tmp/repos/r2",
                        "/tmp/repos/r3",
                        "/tmp/repos/r4",
                        "/tmp/repos/r6",
                        "/tmp/repos/r7",
                        "/tmp/repos/r8");
        assertThat(recent(robot, first)).containsExactlyElementsOf(afterR5);

        // A ninth pushes the oldest out.
        type(robot, first, "#repoField", "/tmp/repos/new-site");
        deploy(robot, first);
        List<String> afterNew =
                List.of(
                        "/tmp/repos/new-site",
                        "/tmp/repos/r5",
                        "/tmp/repos/r1",
                        "/tmp/repos/r2",
                        "/tmp/repos/r3",
                        "/tmp/repos/r4",
                        "/tmp/repos/r6",
                        "/tmp/repos/r7");
        assertThat(recent(robot, first)).containsExactlyElementsOf(afterNew);

        Stage second = restart(robot, first);
        assertThat(recent(robot, second)).containsExactlyElementsOf(afterNew);
        assertThat(new WindowStateStore(services.home()).load().recentRepositories())
                .containsExactlyElementsOf(afterNew);

        // Choosing one fills the repository field.
        MenuButton menu = find(robot, second, "#recentButton", MenuButton.class);
        robot.interact(() -> menu.getItems().get(3).fire());
        assertThat(text(robot, second, "#repoField")).isEqualTo("/tmp/repos/r2");
    }
}
