package dev.slipway.builder.checkout;

import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.threads.DaemonThreads;
import dev.slipway.core.process.BuildProcesses;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdRef;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.SymbolicRef;
import org.jspecify.annotations.Nullable;

/**
 * The machine's {@code git}, when it has one, for clones without a token: a shallow clone by the
 * Git command line takes a fraction of JGit's time in a fresh JVM, where JGit's code runs cold (the
 * builder is a fresh JVM every time; docs/benchmarks/builder.md). Every call returns empty on any
 * failure, and the caller then does the same with JGit, whose errors say what went wrong. git runs
 * with a minimal environment (no credentials of the builder's, no user or system config, no
 * prompts).
 */
final class NativeGit {

    private final String git;
    private final Map<String, String> environment;
    private final StopSignal stop;
    private final long timeoutSeconds;
    private String lastError = "";

    private NativeGit(
            String git, Map<String, String> environment, StopSignal stop, long timeoutSeconds) {
        this.git = git;
        this.environment = environment;
        this.stop = stop;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The git on {@code PATH}. */
    static Optional<NativeGit> find(StopSignal stop, long timeoutSeconds) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "git");
            if (Files.isExecutable(candidate)) {
                return Optional.of(
                        new NativeGit(
                                candidate.toString(), environment(path), stop, timeoutSeconds));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> environment(String path) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", path);
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_ASKPASS", "/bin/false");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        for (String name :
                List.of(
                        "http_proxy",
                        "https_proxy",
                        "no_proxy",
                        "HTTP_PROXY",
                        "HTTPS_PROXY",
                        "NO_PROXY",
                        "ALL_PROXY",
                        "GIT_SSL_CAINFO",
                        "SSL_CERT_FILE",
                        "SSL_CERT_DIR",
                        // A git left behind by a killed builder is found and ended with the
                        // build's process tree.
                        BuildProcesses.COOKIE)) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return env;
    }

    /** The remote's refs as {@code git ls-remote --symref} lists them (HEAD, heads, tags). */
    Optional<List<Ref>> listRemote(String remote) {
        Optional<String> out =
                run(
                        null,
                        "ls-remote",
                        "--symref",
                        "--",
                        remote,
                        "HEAD",
                        "refs/heads/*",
                        "refs/tags/*");
        if (out.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> symbolic = new HashMap<>();
        Map<String, ObjectId> ids = new HashMap<>();
        for (String line : out.get().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String left = line.substring(0, tab);
            String name = line.substring(tab + 1).trim();
            if (left.startsWith("ref: ")) {
                symbolic.put(name, left.substring(5).trim());
            } else if (ObjectId.isId(left) && !name.endsWith("^{}")) {
                ids.put(name, ObjectId.fromString(left));
            }
        }
        List<Ref> refs = new ArrayList<>();
        for (Map.Entry<String, ObjectId> e : ids.entrySet()) {
            String target = symbolic.get(e.getKey());
            Ref plain = new ObjectIdRef.Unpeeled(Ref.Storage.NETWORK, e.getKey(), e.getValue());
            refs.add(
                    target == null
                            ? plain
                            : new SymbolicRef(
                                    e.getKey(),
                                    new ObjectIdRef.Unpeeled(
                                            Ref.Storage.NETWORK, target, e.getValue())));
        }
        return Optional.of(refs);
    }

    /** A depth-1 clone of one branch or tag ({@code refs/heads/…} or {@code refs/tags/…}). */
    boolean cloneShallow(String remote, String shortName, Path target) {
        return run(
                        null,
                        "clone",
                        "--quiet",
                        "--depth",
                        "1",
                        "--no-tags",
                        "--single-branch",
                        "--no-recurse-submodules",
                        "--branch",
                        shortName,
                        "--",
                        remote,
                        target.toString())
                .isPresent();
    }

    /** The checked-out commit: its id and subject line. */
    Optional<String[]> head(Path repository) {
        return run(repository, "log", "-1", "--format=%H%x00%s")
                .map(String::strip)
                .map(s -> s.split("\0", 2))
                .filter(parts -> parts.length == 2 && ObjectId.isId(parts[0]));
    }

    /** The first line git wrote on its error stream the last time it failed. */
    String lastError() {
        return lastError;
    }

    private Optional<String> run(@Nullable Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(git);
        if (directory != null) {
            command.add("-C");
            command.add(directory.toString());
        }
        command.addAll(List.of(args));
        Path err = null;
        try {
            err = Files.createTempFile("slipway-git", ".err");
            ProcessBuilder pb =
                    new ProcessBuilder(command)
                            .redirectError(err.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(environment);
            Process p = pb.start();
            StringBuilder out = new StringBuilder();
            Thread reader =
                    DaemonThreads.start(
                            "git-output",
                            () -> {
                                try {
                                    out.append(
                                            new String(
                                                    p.getInputStream().readAllBytes(),
                                                    StandardCharsets.UTF_8));
                                } catch (IOException e) {
                                    // the process ended; its exit status says enough
                                }
                            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (stop.isCanceled() || stop.isPastDeadline() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    lastError = "stopped";
                    return Optional.empty();
                }
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            if (p.exitValue() != 0) {
                String text = Files.readString(err, StandardCharsets.UTF_8).strip();
                int nl = text.indexOf('\n');
                lastError = nl >= 0 ? text.substring(0, nl) : text;
                return Optional.empty();
            }
            return Optional.of(out.toString());
        } catch (IOException e) {
            lastError = e.toString();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastError = "interrupted";
            return Optional.empty();
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException e) {
                    // a temporary file; the OS cleans it
                }
            }
        }
    }
}
