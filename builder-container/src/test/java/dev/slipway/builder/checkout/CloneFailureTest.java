package dev.slipway.builder.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.checkout.CloneFailure.Kind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.OptionalInt;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.URIish;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The advice comes from statuses and exception types; the words of a message never matter. */
class CloneFailureTest {

    private static final String URL = "https://host/me/site-401";

    /** What JGit throws for an HTTP failure it has no type for: its message names the URL. */
    private static TransportException plain(String message, @Nullable Throwable cause) {
        return new TransportException(
                message, new org.eclipse.jgit.errors.TransportException(message, cause));
    }

    @Test
    void aUrlNamed401OrTimeoutIsNotTakenForAnAuthenticationOrTimeoutFailure() {
        TransportException e = plain(URL + ": 401 timeout not found not authorized", null);

        assertThat(CloneFailure.classify(e, OptionalInt.empty(), false)).isEqualTo(Kind.OTHER);
        assertThat(CloneFailure.describe(e, OptionalInt.empty(), false, URL, "detail"))
                .isEqualTo("Cannot clone " + URL + ": detail.");
    }

    @Test
    void httpStatusDecides() throws Exception {
        TransportException e = plain(URL + ": whatever the message says", null);

        assertThat(CloneFailure.classify(e, OptionalInt.of(401), false))
                .isEqualTo(Kind.NEEDS_AUTHENTICATION);
        assertThat(CloneFailure.classify(e, OptionalInt.of(403), true))
                .isEqualTo(Kind.TOKEN_REFUSED);
        assertThat(CloneFailure.classify(e, OptionalInt.of(404), false))
                .isEqualTo(Kind.NO_REPOSITORY);
        assertThat(CloneFailure.classify(e, OptionalInt.of(503), false))
                .isEqualTo(Kind.SERVER_ERROR);
        assertThat(CloneFailure.describe(e, OptionalInt.of(401), false, URL, "x"))
                .isEqualTo(
                        "The repository "
                                + URL
                                + " needs authentication: set GIT_TOKEN to a token that can read it.");
        assertThat(CloneFailure.describe(e, OptionalInt.of(503), false, URL, "x"))
                .isEqualTo("The Git server of " + URL + " failed with HTTP 503: try again later.");
    }

    @Test
    void exceptionTypesDecideWithoutAStatus() throws Exception {
        NoRemoteRepositoryException missing =
                new NoRemoteRepositoryException(new URIish(URL), "401 timeout");
        assertThat(
                        CloneFailure.classify(
                                new TransportException("x", missing), OptionalInt.empty(), false))
                .isEqualTo(Kind.NO_REPOSITORY);
        assertThat(
                        CloneFailure.classify(
                                plain("404", new UnknownHostException("host")),
                                OptionalInt.empty(),
                                false))
                .isEqualTo(Kind.UNKNOWN_HOST);
        assertThat(
                        CloneFailure.classify(
                                plain("401", new SocketTimeoutException("Read timed out")),
                                OptionalInt.empty(),
                                false))
                .isEqualTo(Kind.TIMED_OUT);
        assertThat(
                        CloneFailure.classify(
                                plain("timeout", new ConnectException("Connection refused")),
                                OptionalInt.empty(),
                                false))
                .isEqualTo(Kind.UNREACHABLE);
    }
}
