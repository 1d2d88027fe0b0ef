package dev.slipway.desktop.ui.window;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * Below a width, buttons show a short symbol instead of their words, so no word is ever cut; the
 * words stay in the tooltip and the accessible text.
 */
public final class CompactLabels {

    private record Entry(Labeled control, String words, String symbol) {}

    private final List<Entry> entries = new ArrayList<>();
    private final double threshold;
    private boolean compact;

    private CompactLabels(double threshold) {
        this.threshold = threshold;
    }

    /** Watches {@code container}'s width; below {@code threshold} the symbols are shown. */
    public static CompactLabels below(Region container, double threshold) {
        CompactLabels c = new CompactLabels(threshold);
        container.widthProperty().addListener((obs, old, w) -> c.apply(w.doubleValue()));
        return c;
    }

    /** Adds a control with its full words (its current text) and its symbol. */
    public CompactLabels add(Labeled control, String symbol) {
        String words = control.getText();
        entries.add(new Entry(control, words, symbol));
        control.setTooltip(new Tooltip(words));
        if (control.getAccessibleText() == null) {
            control.setAccessibleText(words);
        }
        control.setMinWidth(Region.USE_PREF_SIZE);
        if (compact) {
            control.setText(symbol);
        }
        return this;
    }

    private void apply(double width) {
        boolean now = width > 0 && width < threshold;
        if (now == compact) {
            return;
        }
        compact = now;
        for (Entry e : entries) {
            e.control.setText(compact ? e.symbol : e.words);
        }
    }

    public boolean isCompact() {
        return compact;
    }
}
