package dev.slipway.desktop.ui.logpane;

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
  private final Text number = new Text();
  private final HBox content = new HBox();
  private final HBox row = new HBox(number, content);

  LogLineCell(LogPaneViewModel vm) {
    this.vm = vm;
    number.getStyleClass().add("log-number");
    content.getStyleClass().add("log-text");
    row.getStyleClass().add("log-row");
    getStyleClass().add("log-cell");
  }

  @Override
  protected void updateItem(LogLine line, boolean empty) {
    super.updateItem(line, empty);
    getStyleClass().removeAll("stderr", "system");
    if (empty || line == null) {
      setGraphic(null);
      setText(null);
      return;
    }
    if (line.isStderr()) {
      getStyleClass().add("stderr");
    } else if (line.isSystem()) {
      getStyleClass().add("system");
    }
    number.setText(String.valueOf(vm.hiddenLinesProperty().get() + getIndex() + 1));
    List<Node> runs = new ArrayList<>(2);
    for (AnsiText.Span span : AnsiText.parse(line.raw())) {
      Text t = new Text(span.text());
      t.getStyleClass().add("log-run");
      if (span.color() != null) {
        if (span.color().startsWith("#")) {
          t.setStyle("-fx-fill: " + span.color() + ";");
        } else {
          t.getStyleClass().add(span.color());
        }
      }
      if (span.bold()) {
        t.getStyleClass().add("ansi-bold");
      }
      if (span.dim()) {
        t.getStyleClass().add("ansi-dim");
      }
      if (span.italic()) {
        t.getStyleClass().add("ansi-italic");
      }
      if (span.underline()) {
        t.setUnderline(true);
      }
      runs.add(t);
    }
    content.getChildren().setAll(runs);
    setText(null);
    setGraphic(row);
  }
}
