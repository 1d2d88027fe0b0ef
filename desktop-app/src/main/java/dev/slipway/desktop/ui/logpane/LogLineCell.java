package dev.slipway.desktop.ui.logpane;

import dev.slipway.desktop.logs.AnsiText;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;

/**
 * One visible log line: its number, then its text with the ANSI colours as styled {@link Text}
 * runs. Only the few visible cells exist, so parsing happens per shown line, not per line received.
 */
final class LogLineCell extends ListCell<LogLine> {

    private final LogPaneViewModel vm;
    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS", java.util.Locale.ROOT)
                    .withZone(java.time.ZoneId.systemDefault());
    private final Text number = new Text();
    private final Text time = new Text();
    private final HBox content = new HBox();
    private final HBox row = new HBox(number, content);

    LogLineCell(LogPaneViewModel vm) {
        this.vm = vm;
        number.getStyleClass().add("log-number");
        time.getStyleClass().add("log-time");
        content.getStyleClass().add("log-text");
        row.getStyleClass().add("log-row");
        getStyleClass().add("log-cell");
    }

    /** Changes a style class only when needed, so an unchanged cell needs no new CSS pass. */
    private void toggle(String styleClass, boolean on) {
        boolean has = getStyleClass().contains(styleClass);
        if (on && !has) {
            getStyleClass().add(styleClass);
        } else if (!on && has) {
            getStyleClass().remove(styleClass);
        }
    }

    private static void style(Text t, AnsiText.Span span) {
        t.setText(span.text());
        List<String> classes = new ArrayList<>(3);
        classes.add("log-run");
        String fill = null;
        if (span.color() != null) {
            if (span.color().startsWith("#")) {
                fill = "-fx-fill: " + span.color() + ";";
            } else {
                classes.add(span.color());
            }
        }
        if (span.bold()) {
            classes.add("ansi-bold");
        }
        if (span.dim()) {
            classes.add("ansi-dim");
        }
        if (span.italic()) {
            classes.add("ansi-italic");
        }
        if (!t.getStyleClass().equals(classes)) {
            t.getStyleClass().setAll(classes);
        }
        if (!java.util.Objects.equals(t.getStyle(), fill == null ? "" : fill)) {
            t.setStyle(fill == null ? "" : fill);
        }
        t.setUnderline(span.underline());
    }

    @Override
    protected void updateItem(LogLine line, boolean empty) {
        super.updateItem(line, empty);
        boolean shown = !empty && line != null;
        toggle("stderr", shown && line.isStderr());
        toggle("system", shown && line.isSystem());
        if (!shown) {
            setGraphic(null);
            setText(null);
            return;
        }
        number.setText(String.valueOf(vm.hiddenLinesProperty().get() + getIndex() + 1));
        boolean times = vm.showTimestampsProperty().get() && line.ts() != null;
        if (times) {
            time.setText(TIME.format(line.ts()));
            if (row.getChildren().size() == 2) {
                row.getChildren().add(1, time);
            }
        } else if (row.getChildren().size() == 3) {
            row.getChildren().remove(time);
        }
        List<AnsiText.Span> spans = AnsiText.parse(line.raw());
        // Reuse the Text nodes of the line this cell showed before: new nodes would each need CSS.
        List<Node> runs = content.getChildren();
        while (runs.size() > spans.size()) {
            runs.remove(runs.size() - 1);
        }
        for (int i = 0; i < spans.size(); i++) {
            Text t;
            if (i < runs.size()) {
                t = (Text) runs.get(i);
            } else {
                t = new Text();
                runs.add(t);
            }
            style(t, spans.get(i));
        }
        setText(null);
        setGraphic(row);
    }
}
