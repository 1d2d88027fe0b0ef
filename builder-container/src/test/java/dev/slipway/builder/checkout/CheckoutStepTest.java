package dev.slipway.builder.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.LogListener;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clones real JGit repositories (local, no server). */
class CheckoutStepTest {

    @TempDir Path temp;
    private final BuildLog log =
            new BuildLog(
                    Clock.systemUTC(), SecretMasker.none(), List.<LogListener>of((e, j) -> {}));
    private final StopSignal stop = new StopSignal(Clock.systemUTC(), Duration.ofMinutes(5));

    private CheckedOut clone(GitFixture repo, String ref, String into) {
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
}
