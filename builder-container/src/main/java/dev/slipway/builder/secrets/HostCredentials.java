package dev.slipway.builder.secrets;

import java.util.Locale;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * The clone token, offered to one host only: the repository's own, over the repository's own
 * scheme. JGit asks its credentials provider with the URL it is talking to, which after an HTTP
 * redirect is the redirect's target; a redirect to another host (or from https to http) gets no
 * credentials at all, so the token never leaves for a server it was not saved for.
 */
public final class HostCredentials extends CredentialsProvider {

    private final @Nullable String scheme;
    private final @Nullable String host;
    private final UsernamePasswordCredentialsProvider delegate;

    /**
     * @param repository the repository URL the token belongs to
     */
    public HostCredentials(URIish repository, String user, String token) {
        this.scheme = lower(repository.getScheme());
        this.host = lower(repository.getHost());
        this.delegate = new UsernamePasswordCredentialsProvider(user, token);
    }

    /** Whether the token may be sent to {@code uri}: same scheme, same host. */
    public boolean offersTo(URIish uri) {
        return uri != null
                && host != null
                && host.equals(lower(uri.getHost()))
                && scheme != null
                && scheme.equals(lower(uri.getScheme()));
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        return delegate.supports(items);
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        if (!offersTo(uri)) {
            return false;
        }
        return delegate.get(uri, items);
    }

    @Override
    public void reset(URIish uri) {
        delegate.reset(uri);
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
