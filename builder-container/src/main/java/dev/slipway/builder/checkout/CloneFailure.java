package dev.slipway.builder.checkout;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.OptionalInt;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;

/**
 * Says in one sentence why reading a repository failed, from what is known for certain: the HTTP
 * status the server answered, then the types of the exceptions JGit threw and their causes. The
 * words of a message are never looked at: a URL or folder named {@code site-401} or {@code timeout}
 * must not change the advice.
 */
final class CloneFailure {

    /** What went wrong, as far as types and statuses tell. */
    enum Kind {
        NEEDS_AUTHENTICATION,
        TOKEN_REFUSED,
        NO_REPOSITORY,
        UNKNOWN_HOST,
        UNREACHABLE,
        TIMED_OUT,
        UNTRUSTED_CERTIFICATE,
        UNSUPPORTED_URL,
        SERVER_ERROR,
        OTHER
    }

    private CloneFailure() {}

    static Kind classify(Throwable failure, OptionalInt httpStatus, boolean hasToken) {
        if (httpStatus.isPresent()) {
            int status = httpStatus.getAsInt();
            if (status == 401 || status == 403 || status == 407) {
                return hasToken ? Kind.TOKEN_REFUSED : Kind.NEEDS_AUTHENTICATION;
            }
            if (status == 404 || status == 410) {
                return Kind.NO_REPOSITORY;
            }
            if (status >= 500) {
                return Kind.SERVER_ERROR;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoRemoteRepositoryException
                    || t instanceof RepositoryNotFoundException
                    || t instanceof InvalidRemoteException) {
                return Kind.NO_REPOSITORY;
            }
            if (t instanceof UnknownHostException) {
                return Kind.UNKNOWN_HOST;
            }
            if (t instanceof SocketTimeoutException) {
                return Kind.TIMED_OUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return Kind.UNREACHABLE;
            }
            if (t instanceof SSLException) {
                return Kind.UNTRUSTED_CERTIFICATE;
            }
            if (t instanceof NotSupportedException) {
                return Kind.UNSUPPORTED_URL;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Kind.OTHER;
    }

    /**
     * The sentence for a failure to read {@code shown} (the URL without credentials); {@code
     * detail} is the first line of the exception, used only when nothing more is known.
     */
    static String describe(
            Throwable failure,
            OptionalInt httpStatus,
            boolean hasToken,
            String shown,
            String detail) {
        return switch (classify(failure, httpStatus, hasToken)) {
            case NEEDS_AUTHENTICATION ->
                    "The repository "
                            + shown
                            + " needs authentication: set GIT_TOKEN to a token that can read it.";
            case TOKEN_REFUSED ->
                    "The repository "
                            + shown
                            + " refused GIT_TOKEN: check that the token is valid and can read this repository.";
            case NO_REPOSITORY ->
                    "No Git repository at "
                            + shown
                            + ": check GIT_REPOSITORY_URL"
                            + (hasToken ? "." : " (a private repository also needs GIT_TOKEN).");
            case UNKNOWN_HOST ->
                    "Cannot resolve the host of "
                            + shown
                            + ": check GIT_REPOSITORY_URL and the network.";
            case UNREACHABLE ->
                    "Nothing answers at the host of "
                            + shown
                            + ": check GIT_REPOSITORY_URL and that the host is reachable.";
            case TIMED_OUT -> "Cloning " + shown + " timed out: check that the host is reachable.";
            case UNTRUSTED_CERTIFICATE ->
                    "The HTTPS connection to "
                            + shown
                            + " failed (its certificate is not trusted or TLS failed): check GIT_REPOSITORY_URL.";
            case UNSUPPORTED_URL ->
                    "Git cannot read " + shown + ": set GIT_REPOSITORY_URL to an https:// URL.";
            case SERVER_ERROR ->
                    "The Git server of "
                            + shown
                            + " failed with HTTP "
                            + httpStatus.getAsInt()
                            + ": try again later.";
            case OTHER -> "Cannot clone " + shown + ": " + detail + ".";
        };
    }
}
