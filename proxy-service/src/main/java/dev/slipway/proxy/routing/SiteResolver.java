package dev.slipway.proxy.routing;

import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.routes.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves a request in one deployment from its manifest alone: first the manifest's {@code
 * basePath} (the root redirects to it, files are served under it, anything else outside it is the
 * site's 404), then its {@code routes} ({@code trailingSlash}, {@code cleanUrls}, redirects and
 * rewrites in order, first match wins, a rule that is not forced only when no file answers the
 * path), then the contract's rules ({@link PathResolver}). Route patterns see the path inside the
 * base path; a route's local target is inside it too.
 */
public final class SiteResolver {

    private final Map<String, FileEntry> files;
    private final boolean spa;
    private final List<String> base;
    private final String basePrefix;
    private final List<Rule> rules;
    private final List<HeaderRule> headerRules;
    private final Boolean cleanUrls;
    private final Boolean trailingSlash;

    private record Rule(RoutePattern from, Routes.Redirect redirect) {}

    private record HeaderRule(RoutePattern path, List<Routes.Header> values) {}

    public SiteResolver(Map<String, FileEntry> files, boolean spa, String basePath, Routes routes) {
        this.files = files;
        this.spa = spa;
        this.base = baseSegments(basePath);
        StringBuilder prefix = new StringBuilder();
        for (String segment : base) {
            prefix.append('/');
            RequestPath.encodeSegment(segment, prefix);
        }
        this.basePrefix = prefix.toString();
        Routes r = routes == null ? Routes.none() : routes;
        List<Rule> compiled = new ArrayList<>();
        for (Routes.Redirect redirect : r.redirects()) {
            if (redirect.from() != null && redirect.to() != null) {
                compiled.add(new Rule(RoutePattern.parse(redirect.from()), redirect));
            }
        }
        this.rules = List.copyOf(compiled);
        List<HeaderRule> headers = new ArrayList<>();
        for (Routes.HeaderRule rule : r.headers()) {
            if (rule.path() != null && !rule.values().isEmpty()) {
                headers.add(new HeaderRule(RoutePattern.parse(rule.path()), rule.values()));
            }
        }
        this.headerRules = List.copyOf(headers);
        this.cleanUrls = r.cleanUrls();
        this.trailingSlash = r.trailingSlash();
    }

    /** Whether the manifest has no base path and no routes (the contract's rules alone). */
    public boolean isPlain() {
        return base.isEmpty()
                && rules.isEmpty()
                && headerRules.isEmpty()
                && cleanUrls == null
                && trailingSlash == null;
    }

    /** The base path's segments, empty for the root. */
    private static List<String> baseSegments(String basePath) {
        if (basePath == null || basePath.isBlank()) {
            return List.of();
        }
        if (RequestPath.parse(basePath.startsWith("/") ? basePath : "/" + basePath)
                instanceof RequestPath.Valid valid) {
            return valid.path().segments();
        }
        return List.of();
    }

    /** What the request path resolves to. */
    public Resolution resolve(RequestPath path, String rawQuery) {
        if (isPlain()) {
            return PathResolver.resolve(path, files, spa, rawQuery);
        }
        RequestPath inside = path;
        if (!base.isEmpty()) {
            List<String> segments = path.segments();
            if (startsWith(segments, base)) {
                if (segments.size() == base.size() && !path.isFolder()) {
                    return redirect(308, basePrefix + "/", rawQuery);
                }
                inside = path.dropFirst(base.size());
            } else if (segments.isEmpty()) {
                return redirect(308, basePrefix + "/", rawQuery);
            } else {
                return notFound();
            }
        }
        Resolution normalized = normalize(inside, rawQuery);
        if (normalized != null) {
            return normalized;
        }
        boolean answered = answer(inside) != null;
        for (Rule rule : rules) {
            Map<String, String> values = rule.from().match(inside.segments());
            if (values == null || !(rule.redirect().force() || !answered)) {
                continue;
            }
            Resolution routed = apply(rule.redirect(), values, rawQuery);
            if (routed != null) {
                return routed;
            }
        }
        Resolution file = answer(inside);
        if (file != null) {
            return file;
        }
        if (!inside.isFolder() && !inside.hasExtension()) {
            String key = inside.key();
            if (files.containsKey(key + "/" + PathResolver.INDEX)) {
                return redirect(308, basePrefix + inside.asFolder().encoded(), rawQuery);
            }
        }
        return fallback(inside);
    }

    /** Headers the routes add to a response for this path (empty for most sites). */
    public List<Routes.Header> headersFor(RequestPath path) {
        if (headerRules.isEmpty()) {
            return List.of();
        }
        List<String> segments = path.segments();
        if (!base.isEmpty()) {
            if (!startsWith(segments, base)) {
                return List.of();
            }
            segments = segments.subList(base.size(), segments.size());
        }
        List<Routes.Header> out = new ArrayList<>();
        for (HeaderRule rule : headerRules) {
            if (rule.path().match(segments) != null) {
                out.addAll(rule.values());
            }
        }
        return out;
    }

    /** {@code trailingSlash} and {@code cleanUrls} redirects, or null. */
    private Resolution normalize(RequestPath inside, String rawQuery) {
        if (Boolean.TRUE.equals(cleanUrls) && !inside.isFolder()) {
            String key = inside.key();
            if (key.endsWith(".html") && files.containsKey(key)) {
                List<String> segments = new ArrayList<>(inside.segments());
                String last = segments.remove(segments.size() - 1);
                String stem = last.substring(0, last.length() - ".html".length());
                boolean folder = stem.equals("index");
                if (!folder) {
                    segments.add(stem);
                }
                RequestPath clean = RequestPath.of(segments, folder);
                if (Boolean.FALSE.equals(trailingSlash)) {
                    clean = clean.asFile();
                }
                return redirect(308, basePrefix + clean.encoded(), rawQuery);
            }
        }
        if (inside.segments().isEmpty()) {
            return null;
        }
        if (Boolean.TRUE.equals(trailingSlash) && !inside.isFolder() && !inside.hasExtension()) {
            if (files.containsKey(inside.key())) {
                return null;
            }
            return redirect(308, basePrefix + inside.asFolder().encoded(), rawQuery);
        }
        if (Boolean.FALSE.equals(trailingSlash) && inside.isFolder()) {
            return redirect(308, basePrefix + inside.asFile().encoded(), rawQuery);
        }
        return null;
    }

    /** A file that answers this path directly (contract rules 1 to 3), or null. */
    private Resolution.File answer(RequestPath inside) {
        String key = inside.key();
        if (inside.isFolder()) {
            FileEntry index = files.get(key + PathResolver.INDEX);
            if (index != null) {
                return new Resolution.File(key + PathResolver.INDEX, index, 200);
            }
            if (Boolean.TRUE.equals(trailingSlash) && !key.isEmpty()) {
                String html = key.substring(0, key.length() - 1) + ".html";
                FileEntry page = files.get(html);
                if (page != null) {
                    return new Resolution.File(html, page, 200);
                }
            }
            return null;
        }
        FileEntry exact = files.get(key);
        if (exact != null) {
            return new Resolution.File(key, exact, 200);
        }
        if (!inside.hasExtension()) {
            FileEntry html = files.get(key + ".html");
            if (html != null) {
                return new Resolution.File(key + ".html", html, 200);
            }
            if (Boolean.FALSE.equals(trailingSlash)) {
                FileEntry index = files.get(key + "/" + PathResolver.INDEX);
                if (index != null) {
                    return new Resolution.File(key + "/" + PathResolver.INDEX, index, 200);
                }
            }
        }
        return null;
    }

    private Resolution apply(Routes.Redirect rule, Map<String, String> values, String rawQuery) {
        String target = RoutePattern.substitute(rule.to(), values);
        boolean external = target.startsWith("http://") || target.startsWith("https://");
        int status = rule.status();
        if (status >= 300 && status < 400) {
            String location = external ? target : basePrefix + ensureSlash(target);
            if (location.indexOf('?') < 0) {
                return redirect(status, location, rawQuery);
            }
            return new Resolution.Redirect(status, Locations.safe(location));
        }
        if (external || (status != 200 && status != 404)) {
            return null;
        }
        String pathOnly = ensureSlash(target);
        int q = pathOnly.indexOf('?');
        if (q >= 0) {
            pathOnly = pathOnly.substring(0, q);
        }
        if (!(RequestPath.parse(pathOnly) instanceof RequestPath.Valid valid)) {
            return notFound();
        }
        Resolution.File file = answer(valid.path());
        if (file == null && status == 200 && spa && !valid.path().hasExtension()) {
            file = indexFile();
        }
        if (file == null) {
            return notFound();
        }
        return new Resolution.File(file.path(), file.entry(), status);
    }

    private Resolution fallback(RequestPath inside) {
        if (spa && !inside.hasExtension()) {
            Resolution.File index = indexFile();
            if (index != null) {
                return index;
            }
        }
        return notFound();
    }

    private Resolution.File indexFile() {
        FileEntry index = files.get(PathResolver.INDEX);
        return index == null ? null : new Resolution.File(PathResolver.INDEX, index, 200);
    }

    private Resolution notFound() {
        FileEntry custom = files.get(PathResolver.NOT_FOUND_PAGE);
        return custom != null
                ? new Resolution.File(PathResolver.NOT_FOUND_PAGE, custom, 404)
                : new Resolution.NotFound();
    }

    private static Resolution redirect(int status, String location, String rawQuery) {
        return new Resolution.Redirect(
                status, Locations.safe(location) + Locations.query(rawQuery));
    }

    private static String ensureSlash(String target) {
        return target.startsWith("/") ? target : "/" + target;
    }

    private static boolean startsWith(List<String> segments, List<String> prefix) {
        if (segments.size() < prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!segments.get(i).equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }
}
