package dev.slipway.proxy.routing;

import dev.slipway.core.deployment.FileEntry;
import java.util.Map;

/**
 * Resolves a request path in a deployment's manifest alone (contract section 9), never asking the
 * bucket: so a miss costs nothing.
 *
 * <ol>
 *   <li>the exact file;
 *   <li>a folder path (ending in '/'): its {@code index.html};
 *   <li>no extension: {@code P.html}; else, when {@code P/index.html} exists, a 308 to {@code P/};
 *   <li>otherwise, in an SPA deployment, an extension-less path gets {@code index.html} with 200;
 *       everything else gets the deployment's {@code 404.html} with 404, or the built-in 404.
 * </ol>
 */
public final class PathResolver {

    public static final String INDEX = "index.html";
    public static final String NOT_FOUND_PAGE = "404.html";

    private PathResolver() {}

    /**
     * @param files the manifest's files, by relative path
     * @param spa whether the deployment is a single-page app
     * @param query the raw query string (kept on redirects), or null/empty
     */
    public static Resolution resolve(
            RequestPath path, Map<String, FileEntry> files, boolean spa, String query) {
        String key = path.key();
        if (path.isFolder()) {
            FileEntry index = files.get(key + INDEX);
            if (index != null) {
                return new Resolution.File(key + INDEX, index, 200);
            }
        } else {
            FileEntry exact = files.get(key);
            if (exact != null) {
                return new Resolution.File(key, exact, 200);
            }
            if (!path.hasExtension()) {
                FileEntry html = files.get(key + ".html");
                if (html != null) {
                    return new Resolution.File(key + ".html", html, 200);
                }
                if (files.containsKey(key + "/" + INDEX)) {
                    return new Resolution.Redirect(
                            path.asFolder().encoded() + Locations.query(query));
                }
            }
        }
        if (spa && !path.hasExtension()) {
            FileEntry index = files.get(INDEX);
            if (index != null) {
                return new Resolution.File(INDEX, index, 200);
            }
        }
        FileEntry custom = files.get(NOT_FOUND_PAGE);
        if (custom != null) {
            return new Resolution.File(NOT_FOUND_PAGE, custom, 404);
        }
        return new Resolution.NotFound();
    }
}
