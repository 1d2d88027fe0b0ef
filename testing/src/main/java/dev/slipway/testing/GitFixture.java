package dev.slipway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A throw-away Git repository made by JGit from maps of files, with commits, branches and tags.
 *
 * <pre>
 * GitFixture repo = GitFixture.create(tempDir.resolve("site"));
 * String first = repo.commit("first", Map.of("index.html", "&lt;h1&gt;v1&lt;/h1&gt;"));
 * repo.tag("v1");
 * repo.branch("feature");
 * String url = repo.url(); // file:///…/site
 * </pre>
 */
public final class GitFixture implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("Slipway Test", "test@slipway.dev");

    private final Path dir;
    private final Git git;

    private GitFixture(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** A new repository at {@code dir} whose first branch is {@code main}. */
    public static GitFixture create(Path dir) {
        try {
            Files.createDirectories(dir);
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
            return new GitFixture(dir, git);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot create a Git repository at " + dir, e);
        }
    }

    /** A repository with one commit on {@code main} holding {@code files}. */
    public static GitFixture withFiles(Path dir, Map<String, String> files) {
        GitFixture repo = create(dir);
        repo.commit("Initial commit", files);
        return repo;
    }

    /**
     * Writes the files (paths '/'-separated, relative; a {@code null} content deletes the file) and
     * commits every change on the current branch.
     *
     * @return the new commit's SHA-1
     */
    public String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = dir.resolve(file.getKey()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalArgumentException(
                            "Path escapes the repository: " + file.getKey());
                }
                if (file.getValue() == null) {
                    Files.deleteIfExists(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                }
            }
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit commit =
                    git.commit()
                            .setMessage(message)
                            .setAuthor(AUTHOR)
                            .setCommitter(AUTHOR)
                            .setAllowEmpty(true)
                            .call();
            return commit.getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot commit in " + dir, e);
        }
    }

    /** Writes an executable file (for build scripts) and commits it. */
    public String commitExecutable(String message, String path, String content) {
        try {
            Path target = dir.resolve(path).normalize();
            Files.createDirectories(target.getParent());
            Files.writeString(target, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(
                    target,
                    Set.of(
                            PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE));
            git.add().addFilepattern(".").call();
            return git.commit()
                    .setMessage(message)
                    .setAuthor(AUTHOR)
                    .setCommitter(AUTHOR)
                    .call()
                    .getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot commit in " + dir, e);
        }
    }

    /** Creates a branch at the current commit and switches to it. */
    public GitFixture branch(String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot create branch " + name, e);
        }
    }

    /** Switches to an existing branch. */
    public GitFixture checkout(String name) {
        try {
            git.checkout().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot check out " + name, e);
        }
    }

    /** Tags the current commit (an annotated tag). */
    public GitFixture tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(true).setMessage(name).setTagger(AUTHOR).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot tag " + name, e);
        }
    }

    /** The current commit's SHA-1. */
    public String head() {
        try {
            return git.getRepository().resolve("HEAD").getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return dir;
    }

    /** The repository as a {@code file://} URL. */
    public String url() {
        return dir.toUri().toString();
    }

    @Override
    public void close() {
        git.close();
    }
}
