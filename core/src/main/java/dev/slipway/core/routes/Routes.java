package dev.slipway.core.routes;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deployment's routing rules, written into the manifest's {@code routes} by the builder (from
 * {@code slipway.json}, {@code _redirects} and {@code _headers}) and applied by the proxy from the
 * manifest alone, before the contract's path rules (section 9).
 *
 * <p>Order matters: redirects and rewrites are tried in list order and the first match wins (as in
 * Netlify's {@code _redirects}); every matching header rule adds its headers. A rule that is not
 * {@link Redirect#force() forced} applies only when no file answers the path (Netlify's shadowing);
 * a forced one applies always.
 *
 * <p>Patterns ({@code from}, {@link HeaderRule#path()}) use Netlify's syntax on the decoded path:
 * literal segments, {@code :name} matching one whole segment, and a trailing {@code *} matching the
 * rest of the path (possibly empty), available to the target as {@code :splat}. Targets may use
 * {@code :name} and {@code :splat}; a target starting with {@code http://} or {@code https://} is
 * external (allowed for redirects only).
 *
 * @param redirects redirects, rewrites (status 200) and forced 404s, in order
 * @param headers extra response headers by path pattern
 * @param cleanUrls {@code slipway.json}'s {@code cleanUrls}: {@code /about.html} redirects (308) to
 *     {@code /about}; {@code null} means the default (false)
 * @param trailingSlash {@code slipway.json}'s {@code trailingSlash}: {@code true} redirects {@code
 *     /about} to {@code /about/}, {@code false} the other way, {@code null} leaves paths alone
 */
public record Routes(
        List<Redirect> redirects,
        List<HeaderRule> headers,
        @Nullable Boolean cleanUrls,
        @Nullable Boolean trailingSlash) {

    /** Routes as read: absent lists are empty. */
    public Routes(
            @Nullable List<Redirect> redirects,
            @Nullable List<HeaderRule> headers,
            @Nullable Boolean cleanUrls,
            @Nullable Boolean trailingSlash) {
        this.redirects = redirects == null ? List.of() : List.copyOf(redirects);
        this.headers = headers == null ? List.of() : List.copyOf(headers);
        this.cleanUrls = cleanUrls;
        this.trailingSlash = trailingSlash;
    }

    public static Routes none() {
        return new Routes(List.of(), List.of(), null, null);
    }

    public boolean isEmpty() {
        return redirects.isEmpty()
                && headers.isEmpty()
                && cleanUrls == null
                && trailingSlash == null;
    }

    /**
     * One redirect or rewrite rule.
     *
     * @param from a path pattern (see {@link Routes})
     * @param to the target path or URL, with {@code :name}/{@code :splat} placeholders
     * @param status 301, 302, 303, 307 or 308 redirect; 200 rewrite (serve {@code to}'s file under
     *     {@code from}'s path); 404 serve {@code to} with status 404
     * @param force apply even when a file answers the path ({@code !} in {@code _redirects})
     */
    public record Redirect(String from, String to, int status, boolean force) {
        public boolean isRewrite() {
            return status == 200 || status == 404;
        }
    }

    /**
     * Headers added to every response whose path matches {@code path}.
     *
     * @param path a path pattern (see {@link Routes})
     * @param values header name to value, in the order written
     */
    public record HeaderRule(String path, List<Header> values) {
        public HeaderRule {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /** One header line. */
    public record Header(String name, String value) {}
}
