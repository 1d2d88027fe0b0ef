package dev.slipway.desktop.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ANSI SGR escapes tools such as npm and Vite print: the 16 colours (30–37, 90–97), 256
 * colours ({@code 38;5;n}), true colour ({@code 38;2;r;g;b}), bold, dim, italic, underline and
 * resets. Other escapes (cursor moves, erase line, titles and links, charset designations such as
 * {@code ESC ( B}) are dropped. The one reader of escapes for the CLI's plain output and the app's
 * log pane. No JavaFX: the view maps a span's colour to a style class or a fill.
 */
public final class AnsiText {

    private static final char ESC = '\u001b';

    private AnsiText() {}

    /**
     * A run of text with one style. {@code color} is null (default), "ansi-N" (N 0–15) or
     * "#rrggbb".
     */
    public record Span(
            String text,
            String color,
            boolean bold,
            boolean dim,
            boolean italic,
            boolean underline) {}

    /** The text without escapes; the same string when it has none. */
    public static String strip(String raw) {
        if (raw.indexOf(ESC) < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == ESC) {
                i = skipEscape(raw, i);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The styled runs of a line, in order. A line without escapes is one plain span. */
    public static List<Span> parse(String raw) {
        List<Span> spans = new ArrayList<>(2);
        if (raw.indexOf(ESC) < 0) {
            spans.add(new Span(raw, null, false, false, false, false));
            return spans;
        }
        Style style = new Style();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != ESC) {
                text.append(c);
                i++;
                continue;
            }
            int end = skipEscape(raw, i);
            boolean sgr =
                    i + 1 < raw.length() && raw.charAt(i + 1) == '[' && raw.charAt(end - 1) == 'm';
            if (sgr) {
                if (text.length() > 0) {
                    spans.add(style.span(text.toString()));
                    text.setLength(0);
                }
                style.apply(raw.substring(i + 2, end - 1));
            }
            i = end;
        }
        if (text.length() > 0) {
            spans.add(style.span(text.toString()));
        }
        return spans;
    }

    /** The index after the escape sequence starting at {@code start}. */
    private static int skipEscape(String s, int start) {
        int i = start + 1;
        if (i >= s.length()) {
            return i;
        }
        char kind = s.charAt(i);
        if (kind == '[') {
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c >= 0x40 && c <= 0x7e) {
                    return i;
                }
            }
            return i;
        }
        if (kind == ']') {
            // OSC (hyperlinks, titles): ends with BEL or ESC \
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\u0007') {
                    return i + 1;
                }
                if (c == ESC && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                    return i + 2;
                }
                i++;
            }
            return i;
        }
        if ("()*+-./".indexOf(kind) >= 0) {
            // A charset designation (ESC ( B, which tput sgr0 prints): one more character.
            return Math.min(s.length(), i + 2);
        }
        return i + 1;
    }

    private static final class Style {
        String color;
        boolean bold;
        boolean dim;
        boolean italic;
        boolean underline;

        Span span(String text) {
            return new Span(text, color, bold, dim, italic, underline);
        }

        void apply(String params) {
            if (params.isEmpty()) {
                reset();
                return;
            }
            String[] parts = params.split("[;:]");
            for (int k = 0; k < parts.length; k++) {
                int code = number(parts[k]);
                switch (code) {
                    case 0 -> reset();
                    case 1 -> bold = true;
                    case 2 -> dim = true;
                    case 3 -> italic = true;
                    case 4 -> underline = true;
                    case 22 -> {
                        bold = false;
                        dim = false;
                    }
                    case 23 -> italic = false;
                    case 24 -> underline = false;
                    case 39 -> color = null;
                    case 38 -> {
                        if (k + 2 < parts.length && number(parts[k + 1]) == 5) {
                            color = color256(number(parts[k + 2]));
                            k += 2;
                        } else if (k + 4 < parts.length && number(parts[k + 1]) == 2) {
                            color =
                                    rgb(
                                            number(parts[k + 2]),
                                            number(parts[k + 3]),
                                            number(parts[k + 4]));
                            k += 4;
                        }
                    }
                    case 48 -> k += (k + 1 < parts.length && number(parts[k + 1]) == 5) ? 2 : 4;
                    default -> {
                        if (code >= 30 && code <= 37) {
                            color = "ansi-" + (code - 30);
                        } else if (code >= 90 && code <= 97) {
                            color = "ansi-" + (code - 90 + 8);
                        }
                    }
                }
            }
        }

        void reset() {
            color = null;
            bold = false;
            dim = false;
            italic = false;
            underline = false;
        }
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return s.isEmpty() ? 0 : -1;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static String color256(int n) {
        if (n < 0 || n > 255) {
            return null;
        }
        if (n < 16) {
            return "ansi-" + n;
        }
        if (n >= 232) {
            int level = 8 + (n - 232) * 10;
            return rgb(level, level, level);
        }
        int c = n - 16;
        int[] steps = {0, 95, 135, 175, 215, 255};
        return rgb(steps[c / 36], steps[(c / 6) % 6], steps[c % 6]);
    }

    private static String rgb(int r, int g, int b) {
        if (r < 0 || g < 0 || b < 0 || r > 255 || g > 255 || b > 255) {
            return null;
        }
        return String.format("#%02x%02x%02x", r, g, b);
    }
}
