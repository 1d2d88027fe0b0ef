package dev.slipway.proxy.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One path pattern of a manifest's routes (see {@link dev.slipway.core.routes.Routes}): literal
 * segments, {@code :name} for one whole segment, and a trailing {@code *} for the rest of the path
 * (possibly empty), matched on decoded segments. A trailing slash does not matter.
 */
final class RoutePattern {

    private final List<String> parts;
    private final boolean splat;

    private RoutePattern(List<String> parts, boolean splat) {
        this.parts = parts;
        this.splat = splat;
    }

    static RoutePattern parse(String pattern) {
        List<String> parts = new ArrayList<>();
        boolean splat = false;
        String p = pattern == null ? "" : pattern.trim();
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        String[] raw = p.split("/");
        for (int i = 0; i < raw.length; i++) {
            String part = raw[i];
            if (part.isEmpty()) {
                continue;
            }
            if (part.equals("*") && i == raw.length - 1) {
                splat = true;
            } else {
                parts.add(part);
            }
        }
        return new RoutePattern(List.copyOf(parts), splat);
    }

    /** The placeholders' decoded values when {@code segments} match ({@code splat} included). */
    Map<String, String> match(List<String> segments) {
        if (splat ? segments.size() < parts.size() : segments.size() != parts.size()) {
            return null;
        }
        Map<String, String> values = null;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String segment = segments.get(i);
            if (part.length() > 1 && part.charAt(0) == ':') {
                if (values == null) {
                    values = new HashMap<>(4);
                }
                values.put(part.substring(1), segment);
            } else if (!part.equals(segment)) {
                return null;
            }
        }
        if (values == null) {
            values = new HashMap<>(2);
        }
        if (splat) {
            values.put("splat", String.join("/", segments.subList(parts.size(), segments.size())));
        }
        return values;
    }

    /**
     * {@code target} with {@code :name} and {@code :splat} replaced by their values, each
     * percent-encoded (a splat keeps its slashes); an unknown placeholder stays as written.
     */
    static String substitute(String target, Map<String, String> values) {
        StringBuilder out = new StringBuilder(target.length() + 16);
        int i = 0;
        while (i < target.length()) {
            char c = target.charAt(i);
            if (c == ':' && i + 1 < target.length() && isNameChar(target.charAt(i + 1))) {
                int end = i + 1;
                while (end < target.length() && isNameChar(target.charAt(end))) {
                    end++;
                }
                String name = target.substring(i + 1, end);
                String value = values.get(name);
                if (value != null) {
                    String[] pieces = value.split("/", -1);
                    for (int k = 0; k < pieces.length; k++) {
                        if (k > 0) {
                            out.append('/');
                        }
                        RequestPath.encodeSegment(pieces[k], out);
                    }
                    i = end;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_';
    }
}
