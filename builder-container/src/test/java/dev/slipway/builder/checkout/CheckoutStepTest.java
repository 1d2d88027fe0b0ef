package dev.slipway.builder.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.LogListener;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.testing.GitFixture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clones real JGit repositories (local, no server). */
class CheckoutStepTest {

    @TempDir Path temp;
    private final BuildLog log =
            new BuildLog(
                    Clock.systemUTC(), SecretMasker.none(), List.<LogListener>of((e, j) -> {}));
    private final StopSignal stop = new StopSignal(Clock.systemUTC(), Duration.ofMinutes(5));

    private CheckedOut clone(GitFixture repo, @Nullable String ref, String into) {
        return new CheckoutStep(repo.url(), ref, null, temp.resolve(into), log, stop).call();
    }

    @Test
    void checksOutBranchTagAndExactCommit() throws Exception {
        GitFixture repo = GitFixture.withFiles(temp.resolve("repo"), Map.of("v.txt", "1"));
        String first = repo.head();
        repo.tag("v1");
        repo.commit("two", Map.of("v.txt", "2"));
        repo.branch("feature");
        repo.commit("three", Map.of("v.txt", "3"));
        repo.checkout("main");

        assertThat(Files.readString(clone(repo, null, "a").directory().resolve("v.txt")))
                .isEqualTo("2");
        assertThat(Files.readString(clone(repo, "feature", "b").directory().resolve("v.txt")))
                .isEqualTo("3");
        CheckedOut tag = clone(repo, "v1", "c");
        assertThat(tag.commit()).isEqualTo(first);
        assertThat(Files.readString(tag.directory().resolve("v.txt"))).isEqualTo("1");
        CheckedOut sha = clone(repo, first.substring(0, 10), "d");
        assertThat(sha.commit()).isEqualTo(first);
        assertThat(Files.readString(sha.directory().resolve("v.txt"))).isEqualTo("1");
    }

    @Test
    void unknownCommitIsBadInput() {
        GitFixture repo = GitFixture.withFiles(temp.resolve("repo2"), Map.of("a", "1"));
        assertThatThrownBy(() -> clone(repo, "deadbeefdeadbeef", "x"))
                .isInstanceOf(Failure.class)
                .hasMessageContaining("The commit deadbeefdeadbeef is not in");
    }

    @Test
    void folderWhoseNameHolds401Or404OrTimeoutIsReportedAsNoRepository() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("site-401").resolve("timeout-404"));

        assertThatThrownBy(
                        () ->
                                new CheckoutStep(
                                                folder.toString(),
                                                null,
                                                null,
                                                temp.resolve("out"),
                                                log,
                                                stop)
                                        .call())
                .isInstanceOf(Failure.class)
                .hasMessage(
                        "No Git repository at "
                                + folder
                                + ": check GIT_REPOSITORY_URL (a private repository also needs"
                                + " GIT_TOKEN).");
    }

    @Test
    void httpStatusOfTheServerChoosesTheAdviceWhateverTheUrlSays() throws Exception {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, Integer> statuses =
                Map.of("/me/site-401.git", 404, "/me/site-404.git", 401, "/me/timeout.git", 403);
        server.createContext(
                "/",
                exchange -> {
                    try (exchange) {
                        String path = exchange.getRequestURI().getPath();
                        int status =
                                statuses.getOrDefault(
                                        path.substring(0, path.indexOf(".git") + 4), 500);
                        exchange.getResponseHeaders()
                                .add("WWW-Authenticate", "Basic realm=\"git\"");
                        exchange.sendResponseHeaders(status, -1);
                    }
                });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            assertThatThrownBy(() -> remote(base + "/me/site-401.git", null))
                    .hasMessage(
                            "No Git repository at "
                                    + base
                                    + "/me/site-401.git: check GIT_REPOSITORY_URL (a private"
                                    + " repository also needs GIT_TOKEN).");
            assertThatThrownBy(() -> remote(base + "/me/site-404.git", null))
                    .hasMessage(
                            "The repository "
                                    + base
                                    + "/me/site-404.git needs authentication: set GIT_TOKEN to a"
                                    + " token that can read it.");
            assertThatThrownBy(() -> remote(base + "/me/site-404.git", "wrong-token"))
                    .hasMessageStartingWith(
                            "The repository " + base + "/me/site-404.git refused GIT_TOKEN");
            assertThatThrownBy(() -> remote(base + "/me/timeout.git", "wrong-token"))
                    .hasMessageStartingWith(
                            "The repository " + base + "/me/timeout.git refused GIT_TOKEN");
            assertThatThrownBy(() -> remote(base + "/me/other.git", null))
                    .hasMessage(
                            "The Git server of "
                                    + base
                                    + "/me/other.git failed with HTTP 500: try again later.");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theTokenIsOfferedToTheRepositorysHostAndNotAfterARedirectToAnotherHost() throws Exception {
        java.util.List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer other =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext(
                "/",
                exchange -> {
                    try (exchange) {
                        authorizations.add(
                                "other "
                                        + exchange.getRequestHeaders()
                                                .getOrDefault("Authorization", List.of("none")));
                        exchange.getResponseHeaders()
                                .add("WWW-Authenticate", "Basic realm=\"git\"");
                        exchange.sendResponseHeaders(401, -1);
                    }
                });
        other.start();
        // The same loopback server under two host names: 127.0.0.1 (the repository's) and
        // localhost (where a redirect sends the client).
        String otherBase = "http://localhost:" + other.getAddress().getPort();
        HttpServer own =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        own.createContext(
                "/",
                exchange -> {
                    try (exchange) {
                        String path = exchange.getRequestURI().getPath();
                        authorizations.add(
                                "own "
                                        + exchange.getRequestHeaders()
                                                .getOrDefault("Authorization", List.of("none")));
                        if (path.startsWith("/moved/")) {
                            exchange.getResponseHeaders()
                                    .add(
                                            "Location",
                                            otherBase
                                                    + exchange.getRequestURI()
                                                            .toString()
                                                            .substring("/moved".length()));
                            exchange.sendResponseHeaders(302, -1);
                            return;
                        }
                        exchange.getResponseHeaders()
                                .add("WWW-Authenticate", "Basic realm=\"git\"");
                        exchange.sendResponseHeaders(401, -1);
                    }
                });
        own.start();
        String base = "http://127.0.0.1:" + own.getAddress().getPort();
        String token = "ghp_host-bound-token-1234";
        String basic =
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(
                                        ("x-access-token:" + token)
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> remote(base + "/me/private.git", token))
                    .hasMessageStartingWith("The repository " + base + "/me/private.git refused");
            assertThat(authorizations).contains("own [" + basic + "]");

            authorizations.clear();
            assertThatThrownBy(() -> remote(base + "/moved/me/private.git", token))
                    .isInstanceOf(Failure.class);
            assertThat(authorizations)
                    .as("the redirect was followed")
                    .anyMatch(a -> a.startsWith("other"));
            assertThat(authorizations)
                    .as("the token never reaches another host, nor its own after the redirect")
                    .noneMatch(a -> a.contains(basic));
        } finally {
            own.stop(0);
            other.stop(0);
        }
    }

    private CheckedOut remote(String url, @Nullable String token) {
        return new CheckoutStep(url, null, token, temp.resolve("remote"), log, stop).call();
    }
}
