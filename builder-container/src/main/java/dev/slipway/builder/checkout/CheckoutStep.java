package dev.slipway.builder.checkout;

import dev.slipway.builder.config.RepositoryUrls;
import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.secrets.HostCredentials;
import dev.slipway.core.log.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LsRemoteCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.jspecify.annotations.Nullable;

/**
 * Clones the repository: a branch or tag (or the remote's default branch when no ref is given)
 * shallowly, at depth 1; a commit SHA with enough history to check it out exactly. Without a token,
 * a branch or tag is cloned by the machine's {@code git} when it has one ({@link NativeGit}: JGit's
 * code runs cold in the builder's fresh JVM and takes several times longer); everything else, and
 * anything git fails at, goes through JGit. Problems with the repository, the ref or the token end
 * as one sentence, not a stack trace, chosen from the server's HTTP status and JGit's exception
 * types ({@link CloneFailure}).
 */
public final class CheckoutStep {

    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]{4,40}$");
    private static final int NETWORK_TIMEOUT_SECONDS = 120;

    private final String url;
    private final @Nullable String ref;
    private final @Nullable String token;
    private final Path target;
    private final BuildLog log;
    private final StopSignal stop;
    private final HttpStatusRecorder http = new HttpStatusRecorder();

    /** Clones the configured repository and ref into the context's source folder. */
    public CheckoutStep(BuildContext context) {
        this(
                context.config().repositoryUrl(),
                context.config().ref(),
                context.config().gitToken(),
                context.sourceDirectory(),
                context.log(),
                context.stop());
    }

    CheckoutStep(
            String url,
            @Nullable String ref,
            @Nullable String token,
            Path target,
            BuildLog log,
            StopSignal stop) {
        this.url = url;
        this.ref = ref;
        this.token = token;
        this.target = target;
        this.log = log;
        this.stop = stop;
    }

    /** Clones and checks out; the working tree is at {@code target}. */
    public CheckedOut call() {
        String shown = RepositoryUrls.withoutCredentials(url);
        String remote = remoteUrl();
        if (RepositoryUrls.isLocal(url) && !Files.isDirectory(RepositoryUrls.localPath(url))) {
            throw Failure.badInput(
                    "The repository " + shown + " does not exist: check GIT_REPOSITORY_URL.");
        }
        if (token != null && !RepositoryUrls.isLocal(url)) {
            log.info(Phase.CLONE, "A clone token is offered to " + hostOf(url) + " only");
        }
        // With a token, JGit as before: the token goes only to its credentials provider
        // (docs/security.md), never to a child process.
        Optional<NativeGit> gitCli =
                token == null ? NativeGit.find(stop, NETWORK_TIMEOUT_SECONDS) : Optional.empty();
        String nativeRemote = RepositoryUrls.isLocal(url) ? "file://" + remote : remote;
        Optional<List<Ref>> nativeRefs = gitCli.flatMap(g -> g.listRemote(nativeRemote));
        stop.checkpoint();
        Collection<Ref> refs =
                nativeRefs.isPresent() ? nativeRefs.get() : listRemote(remote, shown);
        Target what = resolve(refs, shown);
        log.info(Phase.CLONE, "Cloning " + shown + " (" + what.describe() + ")");
        if (nativeRefs.isPresent() && what.commit() == null) {
            Optional<CheckedOut> done = cloneNatively(gitCli.get(), nativeRemote, what);
            stop.checkpoint();
            if (done.isPresent()) {
                return done.get();
            }
            log.info(
                    Phase.CLONE,
                    "git could not clone ("
                            + log.mask(gitCli.get().lastError())
                            + "); cloning with JGit instead");
            deleteRecursively(target);
        }
        CloneCommand clone =
                Git.cloneRepository()
                        .setURI(remote)
                        .setDirectory(target.toFile())
                        .setCredentialsProvider(credentials())
                        .setTransportConfigCallback(http)
                        .setTimeout(NETWORK_TIMEOUT_SECONDS)
                        .setProgressMonitor(new StopMonitor(stop))
                        .setCloneSubmodules(false);
        if (what.commit() == null) {
            clone.setDepth(1)
                    .setBranch(what.branchOrTag())
                    .setBranchesToClone(List.of(what.branchOrTag()));
            if (what.branchOrTag().startsWith(Constants.R_TAGS)) {
                clone.setNoCheckout(false);
            }
        }
        try (Git git = clone.call()) {
            stop.checkpoint();
            ObjectId head;
            if (what.commit() != null) {
                head = resolveCommit(git, what.commit(), shown);
                git.checkout().setForced(true).setName(head.getName()).call();
            } else {
                head = git.getRepository().resolve(Constants.HEAD);
            }
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                RevCommit commit = walk.parseCommit(head);
                String message = commit.getShortMessage();
                log.info(
                        Phase.CLONE,
                        "Checked out "
                                + commit.getName().substring(0, 12)
                                + " \""
                                + message
                                + "\"");
                return new CheckedOut(target, what.displayRef(), commit.getName(), message);
            }
        } catch (InvalidRemoteException | TransportException e) {
            stop.checkpoint(); // a clone stopped by a cancel or the deadline ends as that, not
            // as bad input
            throw Failure.badInput(describeTransportFailure(e, shown), e);
        } catch (GitAPIException
                | java.io.IOException
                | org.eclipse.jgit.api.errors.JGitInternalException e) {
            stop.checkpoint();
            throw Failure.badInput("Cannot clone " + shown + ": " + oneLine(e) + ".", e);
        }
    }

    /** A shallow clone by the machine's git; empty when it failed (JGit then tries). */
    private Optional<CheckedOut> cloneNatively(NativeGit git, String remote, Target what) {
        if (!git.cloneShallow(remote, Repository.shortName(what.branchOrTag()), target)) {
            return Optional.empty();
        }
        return git.head(target)
                .map(
                        head -> {
                            log.info(
                                    Phase.CLONE,
                                    "Checked out "
                                            + head[0].substring(0, 12)
                                            + " \""
                                            + head[1]
                                            + "\"");
                            return new CheckedOut(target, what.displayRef(), head[0], head[1]);
                        });
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(
                    "Cannot clear " + dir + " after a failed clone", e);
        }
    }

    private record Target(@Nullable String refName, @Nullable String commit, String displayRef) {
        String describe() {
            if (commit != null) {
                return "commit " + commit;
            }
            if (branchOrTag().startsWith(Constants.R_TAGS)) {
                return "tag " + displayRef;
            }
            return "branch " + displayRef;
        }

        /**
         * The branch or tag ({@code refs/heads/…}, {@code refs/tags/…}) of a target that is no
         * commit.
         */
        String branchOrTag() {
            return Objects.requireNonNull(refName, "a commit target has no branch or tag");
        }
    }

    private Target resolve(Collection<Ref> refs, String shown) {
        if (ref == null) {
            Optional<Ref> head =
                    refs.stream().filter(r -> r.getName().equals(Constants.HEAD)).findFirst();
            if (head.isEmpty() || !head.get().isSymbolic()) {
                Optional<Ref> main =
                        refs.stream()
                                .filter(r -> r.getName().equals(Constants.R_HEADS + "main"))
                                .findFirst();
                if (main.isPresent()) {
                    return new Target(main.get().getName(), null, "main");
                }
                if (refs.isEmpty()) {
                    throw Failure.badInput(
                            "The repository " + shown + " is empty: push a commit first.");
                }
                throw Failure.badInput(
                        "The repository "
                                + shown
                                + " has no default branch: set GIT_REF to the branch to build.");
            }
            String name = head.get().getTarget().getName();
            log.info(
                    Phase.CLONE,
                    "No GIT_REF given: building the default branch " + Repository.shortName(name));
            return new Target(name, null, Repository.shortName(name));
        }
        for (String candidate : List.of(ref, Constants.R_HEADS + ref, Constants.R_TAGS + ref)) {
            for (Ref r : refs) {
                if (r.getName().equals(candidate)
                        && (candidate.startsWith(Constants.R_HEADS)
                                || candidate.startsWith(Constants.R_TAGS))) {
                    return new Target(r.getName(), null, ref);
                }
            }
        }
        if (HEX.matcher(ref).matches()) {
            return new Target(null, ref.toLowerCase(Locale.ROOT), ref);
        }
        List<String> branches =
                refs.stream()
                        .map(Ref::getName)
                        .filter(n -> n.startsWith(Constants.R_HEADS))
                        .map(Repository::shortName)
                        .sorted()
                        .limit(10)
                        .toList();
        throw Failure.badInput(
                "The ref '"
                        + ref
                        + "' is neither a branch, a tag nor a commit of "
                        + shown
                        + (branches.isEmpty()
                                ? ""
                                : " (branches: " + String.join(", ", branches) + ")")
                        + ": set GIT_REF to one that exists.");
    }

    private ObjectId resolveCommit(Git git, String sha, String shown) throws java.io.IOException {
        ObjectId id = git.getRepository().resolve(sha + "^{commit}");
        if (id == null) {
            throw Failure.badInput(
                    "The commit "
                            + sha
                            + " is not in "
                            + shown
                            + ": check GIT_REF (push the commit first).");
        }
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            walk.parseCommit(id);
        } catch (MissingObjectException e) {
            throw Failure.badInput(
                    "The commit " + sha + " is not in " + shown + ": check GIT_REF.", e);
        }
        return id;
    }

    private Collection<Ref> listRemote(String remote, String shown) {
        LsRemoteCommand ls =
                Git.lsRemoteRepository()
                        .setRemote(remote)
                        .setHeads(false)
                        .setTags(false)
                        .setCredentialsProvider(credentials())
                        .setTransportConfigCallback(http)
                        .setTimeout(NETWORK_TIMEOUT_SECONDS);
        try {
            return ls.callAsMap().values();
        } catch (InvalidRemoteException | TransportException e) {
            throw Failure.badInput(describeTransportFailure(e, shown), e);
        } catch (GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw Failure.badInput("Cannot read " + shown + ": " + oneLine(e) + ".", e);
        }
    }

    private String remoteUrl() {
        if (RepositoryUrls.isLocal(url)) {
            return RepositoryUrls.localPath(url).toAbsolutePath().toString();
        }
        return url;
    }

    private static String hostOf(String url) {
        try {
            return new URIish(url).getHost();
        } catch (java.net.URISyntaxException e) {
            return "the repository's host";
        }
    }

    /** The token, offered only to the repository's host ({@link HostCredentials}). */
    private @Nullable CredentialsProvider credentials() {
        if (token == null) {
            return null;
        }
        URIish uri;
        try {
            uri = new URIish(url);
        } catch (java.net.URISyntaxException e) {
            return null; // not a URL JGit can send credentials to
        }
        String user =
                uri.getUser() != null && !uri.getUser().isBlank()
                        ? uri.getUser()
                        : "x-access-token";
        return new HostCredentials(uri, user, token);
    }

    private String describeTransportFailure(Exception e, String shown) {
        return CloneFailure.describe(e, http.lastFailure(), token != null, shown, oneLine(e));
    }

    private String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = log.mask(m);
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }

    /** Short names of refs: refs/heads/main is main. */
    private static final class Repository {
        static String shortName(String name) {
            return org.eclipse.jgit.lib.Repository.shortenRefName(name);
        }
    }

    /** Lets a cancel stop a clone between JGit's progress updates. */
    private static final class StopMonitor implements ProgressMonitor {
        private final StopSignal stop;

        StopMonitor(StopSignal stop) {
            this.stop = stop;
        }

        @Override
        public void start(int totalTasks) {}

        @Override
        public void beginTask(String title, int totalWork) {}

        @Override
        public void update(int completed) {}

        @Override
        public void endTask() {}

        @Override
        public boolean isCancelled() {
            return stop.isCanceled() || stop.isPastDeadline();
        }

        @Override
        public void showDuration(boolean enabled) {}
    }
}
