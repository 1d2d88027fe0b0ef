package dev.slipway.desktop.ui.logpane;

import dev.slipway.desktop.ui.ViewLoader;
import dev.slipway.desktop.ui.window.CompactLabels;
import java.util.ArrayList;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;

/**
 * The log pane: a virtualised list (only visible lines have cells), a search bar, follow-tail and
 * copy. It never receives lines one by one: {@link LogPaneViewModel#drain()} adds them in batches.
 */
public final class LogPaneView {

    /** Below this toolbar width the buttons show symbols (their words in tooltips). */
    static final double COMPACT_WIDTH = 700;

    /** The height of one line, fixed so the list never measures cells. */
    static final double LINE_HEIGHT = 18;

    @FXML private TextField searchField;
    @FXML private Button previousButton;
    @FXML private Button nextButton;
    @FXML private Label searchStatus;
    @FXML private Label lineCount;
    @FXML private ToggleButton followToggle;
    @FXML private Button copyButton;
    @FXML private Button copyAllButton;
    @FXML private ListView<LogLine> list;
    @FXML private HBox toolbar;
    @FXML private ToggleButton timesToggle;
    @FXML private Button downloadButton;
    @FXML private Label archiveMarker;
    private Runnable onDownload = () -> {};

    private final Parent root;
    private final LogPaneViewModel vm;
    private boolean revealing;
    private boolean followPending;
    private boolean scrollCheckRequested;
    private final Runnable afterLayout =
            () -> {
                if (scrollCheckRequested) {
                    scrollCheckRequested = false;
                    reportScroll();
                }
            };

    public LogPaneView(LogPaneViewModel vm) {
        this.vm = vm;
        root = ViewLoader.load(this, "log-pane.fxml");
        list.setItems(vm.lines());
        list.setFixedCellSize(LINE_HEIGHT);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new LogLineCell(vm));

        searchField.textProperty().bindBidirectional(vm.searchTextProperty());
        searchField.setOnKeyPressed(
                e -> {
                    if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.F3) {
                        if (e.isShiftDown()) {
                            vm.findPrevious();
                        } else {
                            vm.findNext();
                        }
                        e.consume();
                    } else if (e.getCode() == KeyCode.ESCAPE) {
                        list.requestFocus();
                        e.consume();
                    }
                });
        nextButton.setOnAction(e -> vm.findNext());
        previousButton.setOnAction(e -> vm.findPrevious());
        nextButton.disableProperty().bind(vm.searchTextProperty().isEmpty());
        previousButton.disableProperty().bind(vm.searchTextProperty().isEmpty());
        searchStatus.textProperty().bind(vm.searchStatusProperty());
        lineCount.textProperty().bind(vm.lineCountTextProperty());

        followToggle.selectedProperty().bindBidirectional(vm.followTailProperty());
        followToggle.setOnAction(
                e -> {
                    if (followToggle.isSelected()) {
                        vm.scrollToEnd();
                    }
                });
        copyButton.setOnAction(e -> copySelection());
        copyButton.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        copyAllButton.setOnAction(e -> copy(vm.allText()));
        downloadButton.setOnAction(e -> onDownload.run());
        timesToggle.selectedProperty().bindBidirectional(vm.showTimestampsProperty());
        vm.showTimestampsProperty().addListener((obs, old, now) -> list.refresh());
        archiveMarker.textProperty().bind(vm.archivedMarkerProperty());
        archiveMarker.visibleProperty().bind(vm.archivedMarkerProperty().isNotEmpty());
        archiveMarker.managedProperty().bind(archiveMarker.visibleProperty());
        CompactLabels.below(toolbar, COMPACT_WIDTH)
                .add(previousButton, "\u25B2")
                .add(nextButton, "\u25BC")
                .add(timesToggle, "\u25F7")
                .add(followToggle, "\u2913")
                .add(copyButton, "\u2398")
                .add(copyAllButton, "\u2398*")
                .add(downloadButton, "\u21A7");

        list.getSelectionModel()
                .selectedIndexProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (!revealing && now.intValue() >= 0) {
                                vm.select(now.intValue());
                            }
                        });
        vm.lines().addListener((ListChangeListener<LogLine>) change -> followTail());
        vm.revealRequestsProperty()
                .addListener((obs, old, now) -> reveal(vm.focusedIndexProperty().get()));

        // The user's own scrolling decides follow-tail; our scrollTo calls do not count.
        // They are checked after the next layout, when the flow shows where the user went.
        list.sceneProperty()
                .addListener(
                        (obs, old, scene) -> {
                            if (old != null) {
                                old.removePostLayoutPulseListener(afterLayout);
                            }
                            if (scene != null) {
                                scene.addPostLayoutPulseListener(afterLayout);
                            }
                        });
        list.addEventFilter(ScrollEvent.SCROLL, e -> checkScrollAfterLayout());
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> checkScrollAfterLayout());
        list.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> checkScrollAfterLayout());
        list.addEventFilter(
                KeyEvent.KEY_PRESSED,
                e -> {
                    switch (e.getCode()) {
                        case UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END -> checkScrollAfterLayout();
                        default -> {}
                    }
                });
        KeyCombination copyKey = KeyCombination.keyCombination("Shortcut+C");
        KeyCombination findKey = KeyCombination.keyCombination("Shortcut+F");
        root.addEventFilter(
                KeyEvent.KEY_PRESSED,
                e -> {
                    if (copyKey.match(e) && list.isFocused()) {
                        copySelection();
                        e.consume();
                    } else if (findKey.match(e)) {
                        focusSearch();
                        e.consume();
                    }
                });
    }

    /**
     * Keeps the last line in sight while following, by moving the flow to its end once per batch
     * after layout. {@link ListView#scrollTo(int)} recomputes the position from the top (over 10 ms
     * per batch at 100,000 lines), and {@link VirtualFlow#scrollTo(int)} may move by one cell only.
     */
    private void followTail() {
        if (!vm.followTailProperty().get() || vm.lines().isEmpty() || followPending) {
            return;
        }
        // After this pulse's layout, when the flow knows the new line count; at most once per
        // batch.
        followPending = true;
        Platform.runLater(
                () -> {
                    followPending = false;
                    if (!vm.followTailProperty().get() || vm.lines().isEmpty()) {
                        return;
                    }
                    VirtualFlow<?> flow = flow();
                    if (flow != null) {
                        flow.setPosition(1.0);
                    } else {
                        list.scrollTo(vm.lines().size() - 1);
                    }
                });
    }

    private VirtualFlow<?> flow() {
        return (VirtualFlow<?>) list.lookup(".virtual-flow");
    }

    /** Whether the last line is in sight. */
    boolean isAtBottom() {
        int size = vm.lines().size();
        if (size == 0) {
            return true;
        }
        VirtualFlow<?> flow = flow();
        if (flow == null) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= size - 1;
    }

    private void checkScrollAfterLayout() {
        scrollCheckRequested = true;
        Platform.requestNextPulse();
    }

    private void reportScroll() {
        vm.userScrolled(isAtBottom());
    }

    private void reveal(int index) {
        if (index < 0 || index >= vm.lines().size()) {
            return;
        }
        revealing = true;
        try {
            list.getSelectionModel().clearAndSelect(index);
        } finally {
            revealing = false;
        }
        // After this pulse's layout, as followTail does: lines that came in the same drain (a
        // build that failed at once) are not yet cells of the flow, which ignores a scroll to them.
        Platform.runLater(
                () -> {
                    if (index < vm.lines().size()) {
                        list.scrollTo(Math.max(0, index - 3));
                    }
                });
    }

    private void copySelection() {
        copy(vm.textOf(new ArrayList<>(list.getSelectionModel().getSelectedIndices())));
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    public Parent root() {
        return root;
    }

    /** What Download does (the deployment view saves the whole log). */
    public void setOnDownload(Runnable action) {
        this.onDownload = action;
    }

    /** Puts the cursor in the search field (Ctrl+F anywhere in the window). */
    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    ListView<LogLine> list() {
        return list;
    }
}
