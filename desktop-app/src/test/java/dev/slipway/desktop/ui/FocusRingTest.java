package dev.slipway.desktop.ui;

import static dev.slipway.desktop.ui.FxHelpers.onFx;
import static dev.slipway.desktop.ui.FxHelpers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.ToggleSwitch;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.desktop.ui.browser.BrowserUnavailableException;
import dev.slipway.desktop.ui.logpane.LogLine;
import dev.slipway.desktop.ui.task.FxTaskRunner;
import dev.slipway.desktop.ui.window.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import javafx.scene.effect.DropShadow;
import javafx.scene.effect.Effect;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Every control a keyboard user can reach, on every screen of the app (the Deploy tab with the
 * form's Advanced section, a running and a lost deployment, the log toolbar, the Projects tab with
 * its Deployments, Domains and Variables tabs, Settings, and each question the app asks), shows the
 * focus ring of slipway.css when focused: a halo in the theme's accent colour, in the light and the
 * dark theme.
 *
 * <p>The headless window never holds the keyboard focus, so each control gets the {@code :focused}
 * state the way the focus owner does, and the test reads what the stylesheets make of it.
 */
@ExtendWith(ApplicationExtension.class)
class FocusRingTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    private static final KeyCombination F5 = KeyCombination.keyCombination("F5");
    private static final PseudoClass FOCUSED = PseudoClass.getPseudoClass("focused");

    /** The ring's colour (slipway.css): Primer's accent in each theme. */
    private static final Map<Theme, Color> RING =
            Map.of(Theme.LIGHT, Color.web("#0969da"), Theme.DARK, Color.web("#58a6ff"));

    @TempDir static Path home;
    private InMemoryAppServices services;
    private FxTaskRunner tasks;
    private DesktopUi ui;
    private Stage stage;

    /** One sentence per control without a ring: screen, theme, control, what is wrong. */
    private final List<String> missing = new ArrayList<>();

    /** The kinds of control looked at, to show that the screens were really visited. */
    private final Set<String> checkedTypes = new TreeSet<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        services = new InMemoryAppServices(Files.createTempDirectory(home, "home"));
        tasks = new FxTaskRunner(2);
        ui =
                new DesktopUi(
                        services,
                        url -> {
                            throw new BrowserUnavailableException(
                                    "xdg-open could not open it (exit status 3)", null);
                        },
                        tasks,
                        Clock.systemUTC(),
                        ZoneOffset.UTC);
        ui.show(stage);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        services.wake.countDown();
        services.duplicates.set(false);
        robot.interact(ui::close);
        tasks.close();
    }

    @Test
    void everyControlOfTheDeployTabShowsARing(FxRobot robot) {
        deploy(robot, "/tmp/repos/site");
        waitFor(LONG, () -> find(robot, "#liveBox").isVisible());
        // A preview, so that the result box offers Promote too; Recent now lists the repository.
        robot.interact(() -> ((CheckBox) find(robot, "#previewBox")).setSelected(true));
        deploy(robot, "/tmp/repos/site");
        waitFor(LONG, () -> find(robot, "#promotePreviewButton").isVisible());
        // The Advanced section open, with a variable being typed (its cell editor shows).
        robot.interact(() -> ((TitledPane) find(robot, "#advanced")).setExpanded(true));
        robot.interact(() -> ((Button) find(robot, "#addEnvButton")).fire());
        waitFor(LONG, () -> !find(robot, "#removeEnvButton").isDisabled());
        // A search (Previous and Next), a selected line (Copy), and the banner (Dismiss).
        robot.interact(() -> ((TextField) find(robot, "#searchField")).setText("step"));
        ListView<LogLine> log = find(robot, ".log-list");
        robot.interact(() -> log.getSelectionModel().select(3));
        robot.interact(() -> ((Button) find(robot, "#openSiteButton")).fire());
        waitFor(LONG, () -> find(robot, "#banner").isVisible());

        checkInBothThemes(robot, "Deploy tab", () -> stage.getScene().getRoot());

        assertThat(checkedTypes)
                .contains(
                        "Button",
                        "CheckBox",
                        "ComboBox",
                        "Hyperlink",
                        "ListView",
                        "MenuButton",
                        "TabPane",
                        "TableView",
                        "TextField",
                        "TitledPane",
                        "ToggleButton");
        assertNoneMissing();
    }

    @Test
    void everyControlOfARunningAndALostDeploymentShowsARing(FxRobot robot) {
        deploy(robot, "/tmp/repos/sleeping-site");
        waitFor(LONG, () -> find(robot, "#cancelButton").isVisible());
        checkInBothThemes(robot, "a running deployment", () -> stage.getScene().getRoot());

        services.stackRunning.set(false);
        robot.interact(() -> stage.getScene().getAccelerators().get(F5).run());
        waitFor(LONG, () -> find(robot, "#lostBox").isVisible());
        waitFor(LONG, () -> find(robot, ".status-bar #startStackButton").isVisible());
        checkInBothThemes(robot, "a deployment whose stack stopped", stage.getScene()::getRoot);

        assertThat(checkedTypes).contains("Button", "ToggleButton", "TextField", "ListView");
        assertNoneMissing();
    }

    @Test
    void everyControlOfTheProjectsTabShowsARing(FxRobot robot) {
        services.seed("site", DeploymentStatus.READY, true);
        services.seed("site", DeploymentStatus.FAILED, false);
        services.seed("site", DeploymentStatus.READY, false, true);
        services.domainRecords.put(
                "www.example.com",
                new dev.slipway.core.domain.DomainRecord("www.example.com", "site"));
        showProjects(robot);
        TableView<?> table = find(robot, "#deploymentTable");
        // The preview: Promote, Roll back, Open deployment and View log are all enabled.
        robot.interact(() -> table.getSelectionModel().select(0));
        waitFor(LONG, () -> !find(robot, "#promoteButton").isDisabled());
        checkInBothThemes(robot, "Projects, Deployments", stage.getScene()::getRoot);

        selectTab(robot, "#projectTabs", "domainsTab");
        ListView<?> domains = find(robot, "#domainList");
        waitFor(LONG, () -> domains.getItems().size() == 1);
        robot.interact(() -> domains.getSelectionModel().select(0));
        robot.interact(() -> ((TextField) find(robot, "#hostField")).setText("docs.example.com"));
        waitFor(LONG, () -> !find(robot, "#addDomainButton").isDisabled());
        waitFor(LONG, () -> !find(robot, "#removeDomainButton").isDisabled());
        checkInBothThemes(robot, "Projects, Domains", stage.getScene()::getRoot);

        selectTab(robot, "#projectTabs", "variablesTab");
        robot.interact(() -> ((TextField) find(robot, "#nameField")).setText("API_URL"));
        robot.interact(() -> ((TextField) find(robot, "#valueField")).setText("https://api"));
        robot.interact(() -> ((Button) find(robot, "#addVariableButton")).fire());
        TableView<?> variables = find(robot, "#variableTable");
        waitFor(LONG, () -> variables.getItems().size() == 1);
        robot.interact(() -> variables.getSelectionModel().select(0));
        robot.interact(() -> ((TextField) find(robot, "#nameField")).setText("TOKEN"));
        robot.interact(() -> ((CheckBox) find(robot, "#secretBox")).setSelected(true));
        robot.interact(() -> ((TextField) find(robot, "#secretValueField")).setText("s3cr3t!"));
        waitFor(LONG, () -> !find(robot, "#addVariableButton").isDisabled());
        waitFor(LONG, () -> !find(robot, "#removeVariableButton").isDisabled());
        checkInBothThemes(robot, "Projects, Environment variables", stage.getScene()::getRoot);

        assertThat(checkedTypes)
                .contains(
                        "Button",
                        "CheckBox",
                        "Hyperlink",
                        "ListView",
                        "PasswordField",
                        "TabPane",
                        "TableView",
                        "TextField");
        assertNoneMissing();
    }

    @Test
    void everyControlOfTheSettingsShowsARing(FxRobot robot) {
        robot.interact(ui::openSettings);
        waitFor(LONG, () -> robot.lookup("#proxyPortField").tryQuery().isPresent());
        Supplier<Parent> settings = () -> find(robot, "#proxyPortField").getScene().getRoot();
        checkInBothThemes(robot, "Settings, local", settings);

        robot.interact(() -> ((RadioButton) find(robot, "#awsRadio")).setSelected(true));
        waitFor(LONG, () -> !find(robot, "#bucketField").isDisabled());
        checkInBothThemes(robot, "Settings, AWS", settings);

        assertThat(checkedTypes)
                .contains("Button", "CheckBox", "ComboBox", "ListView", "RadioButton", "TextField");
        assertNoneMissing();
    }

    @Test
    void everyButtonOfTheAppsQuestionsShowsARing(FxRobot robot) {
        services.seed("site", DeploymentStatus.READY, false);
        services.seed("site", DeploymentStatus.READY, true);
        for (Theme theme : Theme.values()) {
            robot.interact(() -> ui.themeProperty().set(theme));

            showProjects(robot);
            TableView<?> table = find(robot, "#deploymentTable");
            robot.interact(() -> table.getSelectionModel().select(1));
            robot.interact(() -> ((Button) find(robot, "#rollbackButton")).fire());
            checkQuestion(robot, theme, "the rollback question", ".rollback-dialog");

            robot.interact(() -> ((Button) find(robot, "#removeButton")).fire());
            checkQuestion(robot, theme, "the removal question", ".remove-dialog");

            robot.interact(
                    () ->
                            stage.fireEvent(
                                    new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
            checkQuestion(robot, theme, "the question on closing", ".close-dialog");

            services.duplicates.set(true);
            selectTab(robot, "#tabs", "deployTab");
            deploy(robot, "/tmp/repos/site");
            checkQuestion(
                    robot, theme, "the question before a repeated deploy", ".duplicate-dialog");
            services.duplicates.set(false);
        }

        assertThat(checkedTypes).contains("Button", "CheckBox");
        assertNoneMissing();
    }

    @Test
    void oneOfEachKindOfControlShowsARing(FxRobot robot) {
        // The kinds the screens do not use yet, next to those they do: a new screen that adds a
        // spinner or a text area has its ring already.
        Stage catalogue =
                onFx(
                        () -> {
                            TableView<String> table = new TableView<>();
                            table.getColumns().add(new TableColumn<String, String>("Name"));
                            TreeTableView<String> treeTable = new TreeTableView<>();
                            treeTable.getColumns().add(new TreeTableColumn<String, String>("Name"));
                            TabPane tabs = new TabPane(new Tab("One"), new Tab("Two"));
                            VBox box =
                                    new VBox(
                                            6,
                                            new Button("Button"),
                                            new ToggleButton("Toggle"),
                                            new Hyperlink("Link"),
                                            new MenuButton("Menu", null, new MenuItem("Item")),
                                            new SplitMenuButton(new MenuItem("Item")),
                                            new TextField(),
                                            new PasswordField(),
                                            new TextArea(),
                                            new ComboBox<String>(),
                                            new ChoiceBox<String>(),
                                            new Spinner<Integer>(0, 10, 1),
                                            new DatePicker(),
                                            new ColorPicker(),
                                            new CheckBox("Check"),
                                            new RadioButton("Radio"),
                                            new ToggleSwitch("Switch"),
                                            new Slider(),
                                            new ListView<String>(),
                                            table,
                                            new TreeView<String>(new TreeItem<>("Root")),
                                            treeTable,
                                            tabs,
                                            new TitledPane("Titled", new Label("Content")));
                            Stage s = new Stage();
                            Scene scene = new Scene(new ScrollPane(box), 500, 700);
                            scene.getStylesheets()
                                    .add(
                                            DesktopUi.class
                                                    .getResource("slipway.css")
                                                    .toExternalForm());
                            s.setScene(scene);
                            s.show();
                            return s;
                        });
        try {
            for (Theme theme : Theme.values()) {
                robot.interact(
                        () -> {
                            // As the app's windows: the theme's stylesheet, and .dark on the root.
                            ui.themeProperty().set(theme);
                            Parent root = catalogue.getScene().getRoot();
                            root.getStyleClass().remove("dark");
                            if (theme == Theme.DARK) {
                                root.getStyleClass().add("dark");
                            }
                            check(root, theme, "one of each kind (" + theme + ")");
                        });
            }
        } finally {
            robot.interact(catalogue::hide);
        }

        assertThat(checkedTypes)
                .contains(
                        "Button",
                        "CheckBox",
                        "ChoiceBox",
                        "ColorPicker",
                        "ComboBox",
                        "DatePicker",
                        "Hyperlink",
                        "ListView",
                        "MenuButton",
                        "PasswordField",
                        "RadioButton",
                        "Slider",
                        "Spinner",
                        "SplitMenuButton",
                        "TabPane",
                        "TableView",
                        "TextArea",
                        "TextField",
                        "TitledPane",
                        "ToggleButton",
                        "ToggleSwitch",
                        "TreeTableView",
                        "TreeView");
        assertNoneMissing();
    }

    private void assertNoneMissing() {
        assertThat(missing)
                .as(
                        "Controls without a visible focus ring: give their style class a"
                                + " :focused rule in slipway.css, for both themes")
                .isEmpty();
    }

    /** Checks the question with {@code styleClass}, then answers it with its cancel button. */
    private void checkQuestion(FxRobot robot, Theme theme, String screen, String styleClass) {
        waitFor(LONG, () -> robot.lookup(styleClass).tryQuery().isPresent());
        DialogPane pane = find(robot, styleClass);
        robot.interact(() -> check(pane.getScene().getRoot(), theme, screen + " (" + theme + ")"));
        robot.interact(
                () -> {
                    for (ButtonType type : pane.getButtonTypes()) {
                        if (type.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE) {
                            ((Button) pane.lookupButton(type)).fire();
                            return;
                        }
                    }
                    throw new AssertionError(screen + " has no cancel button");
                });
        waitFor(LONG, () -> robot.lookup(styleClass).tryQuery().isEmpty());
    }

    /** Checks every control of the window {@code root} gives, in the light and the dark theme. */
    private void checkInBothThemes(FxRobot robot, String screen, Supplier<Parent> root) {
        Theme before = onFx(() -> ui.themeProperty().get());
        for (Theme theme : Theme.values()) {
            robot.interact(() -> ui.themeProperty().set(theme));
            robot.interact(() -> check(root.get(), theme, screen + " (" + theme + ")"));
        }
        robot.interact(() -> ui.themeProperty().set(before));
    }

    /** On the FX thread: notes each reachable control under {@code root} that shows no ring. */
    private void check(Parent root, Theme theme, String screen) {
        root.applyCss();
        List<Control> reachable = new ArrayList<>();
        collectReachable(root, reachable);
        for (Control c : reachable) {
            checkedTypes.add(typeName(c));
            String problem = ringProblem(c, RING.get(theme));
            if (problem != null) {
                missing.add(screen + ": " + describe(c) + " " + problem);
            }
        }
    }

    /** Visible, enabled, focus-traversable controls: what Tab can reach. */
    private static void collectReachable(Node node, List<Control> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Control c && c.isFocusTraversable() && !c.isDisabled()) {
            out.add(c);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collectReachable(child, out);
            }
        }
    }

    /** Why {@code c} shows no ring when focused, or null when it does (and loses it after). */
    private static String ringProblem(Control c, Color ring) {
        c.pseudoClassStateChanged(FOCUSED, false);
        c.applyCss();
        Set<Node> unfocused = ringed(c, c, ring);
        try {
            c.pseudoClassStateChanged(FOCUSED, true);
            c.applyCss();
            Set<Node> focused = ringed(c, c, ring);
            focused.removeAll(unfocused);
            if (focused.isEmpty()) {
                Effect effect = c.getEffect();
                return "shows no ring in "
                        + ring
                        + " when focused (its effect: "
                        + (effect == null ? "none" : effect + " " + colour(effect))
                        + ")";
            }
            c.pseudoClassStateChanged(FOCUSED, false);
            c.applyCss();
            Set<Node> after = ringed(c, c, ring);
            after.removeAll(unfocused);
            if (!after.isEmpty()) {
                return "keeps its ring after losing the focus";
            }
            return null;
        } finally {
            c.pseudoClassStateChanged(FOCUSED, c.isFocused());
            c.applyCss();
        }
    }

    private static String colour(Effect effect) {
        return effect instanceof DropShadow d ? d.getColor().toString() : "";
    }

    /**
     * The visible nodes of {@code control} (itself or a part of its skin, such as a TabPane's
     * selected tab or a TitledPane's title) that carry a halo of {@code ring}; controls inside it
     * that are reached on their own are left out.
     */
    private static Set<Node> ringed(Node node, Control control, Color ring) {
        Set<Node> out = Collections.newSetFromMap(new IdentityHashMap<>());
        if (!node.isVisible()) {
            return out;
        }
        if (node.getEffect() instanceof DropShadow d
                && d.getColor().equals(ring)
                && d.getRadius() >= 2) {
            out.add(node);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                if (child instanceof Control inner
                        && inner != control
                        && inner.isFocusTraversable()) {
                    continue;
                }
                out.addAll(ringed(child, control, ring));
            }
        }
        return out;
    }

    private static String typeName(Control c) {
        Class<?> type = c.getClass();
        while (type.isAnonymousClass() || type.getName().startsWith("dev.slipway.")) {
            type = type.getSuperclass();
        }
        return type.getSimpleName();
    }

    /** The control as a reader finds it: type, id or style classes, and its text. */
    private static String describe(Control c) {
        String name =
                c.getId() != null
                        ? "#" + c.getId()
                        : c.getStyleClass().isEmpty()
                                ? ""
                                : "." + String.join(".", c.getStyleClass());
        String text =
                c instanceof Labeled l && l.getText() != null && !l.getText().isBlank()
                        ? " \"" + l.getText() + "\""
                        : "";
        return typeName(c) + " " + name + text;
    }

    private void showProjects(FxRobot robot) {
        selectTab(robot, "#tabs", "projectsTab");
        ListView<?> projects = find(robot, "#projectList");
        robot.interact(() -> ((Button) find(robot, "#refreshButton")).fire());
        waitFor(LONG, () -> projects.getItems().size() == 1);
        robot.interact(() -> projects.getSelectionModel().select(0));
        TableView<?> table = find(robot, "#deploymentTable");
        waitFor(LONG, () -> !table.getItems().isEmpty());
    }

    private static void selectTab(FxRobot robot, String tabPane, String tabId) {
        TabPane tabs = find(robot, tabPane);
        robot.interact(
                () -> {
                    for (Tab tab : tabs.getTabs()) {
                        if (tabId.equals(tab.getId())) {
                            tabs.getSelectionModel().select(tab);
                        }
                    }
                });
    }

    private void deploy(FxRobot robot, String repo) {
        robot.interact(() -> ((TextField) find(robot, "#repoField")).setText(repo));
        robot.interact(() -> ((Button) find(robot, "#deployButton")).fire());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Node> T find(FxRobot robot, String query) {
        return (T) robot.lookup(query).query();
    }
}
