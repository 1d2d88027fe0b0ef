package dev.slipway.builder.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's git (a peer of these tests, as on the build machines) clones as JGit would. */
class NativeGitTest {

    @TempDir Path temp;
    private final StopSignal stop = new StopSignal(Clock.systemUTC(), Duration.ofMinutes(5));

    private NativeGit git() {
        return NativeGit.find(stop, 60)
                .orElseThrow(() -> new AssertionError("git is not on PATH: install git"));
    }

    @Test
    void listsRefsWithTheDefaultBranchAndClonesABranchAndATagShallowly() throws Exception {
        GitFixture repo = GitFixture.withFiles(temp.resolve("repo"), Map.of("v.txt", "1"));
        String first = repo.head();
        repo.tag("v1");
        repo.commit("two\n\nbody", Map.of("v.txt", "2"));
        String remote = "file://" + repo.path().toAbsolutePath();

        Optional<List<Ref>> refs = git().listRemote(remote);

        assertThat(refs).isPresent();
        Ref head = refs.get().stream().filter(r -> r.getName().equals("HEAD")).findFirst().get();
        assertThat(head.isSymbolic()).isTrue();
        assertThat(head.getTarget().getName()).isEqualTo("refs/heads/main");
        assertThat(refs.get()).extracting(Ref::getName).contains("refs/heads/main", "refs/tags/v1");

        assertThat(git().cloneShallow(remote, "main", temp.resolve("a"))).isTrue();
        assertThat(Files.readString(temp.resolve("a/v.txt"))).isEqualTo("2");
        assertThat(git().head(temp.resolve("a")))
                .hasValueSatisfying(h -> assertThat(h).containsExactly(repo.head(), "two"));
        assertThat(git().cloneShallow(remote, "v1", temp.resolve("b"))).isTrue();
        assertThat(git().head(temp.resolve("b")).get()[0]).isEqualTo(first);
    }

    @Test
    void aMissingRepositoryIsAFailureWithGitsReason() {
        NativeGit git = git();

        assertThat(git.listRemote("file://" + temp.resolve("nothing-here"))).isEmpty();
        assertThat(git.lastError()).isNotBlank();
    }
}
