package dev.slipway.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every process of one build, found again by an environment cookie they all inherit ({@value
 * #COOKIE}), as Jenkins' ProcessTreeKiller finds a job's processes by {@code BUILD_ID}: a {@code
 * setsid} grandchild or a double-forked daemon leaves the process group and is re-parented away
 * from the tree, but keeps the environment it was started with. Finding them reads {@code
 * /proc/<pid>/environ} of the processes of this account (Linux); elsewhere nothing is found and
 * only the process group and {@link ProcessHandle#descendants()} are stopped. A process that
 * re-executes itself with an emptied environment ({@code env -i}) escapes the cookie; see
 * docs/builder.md. In core because both sides use it: the local launcher marks the builder it
 * starts, and the builder, a canceled build's reconciler and the tests find the marked processes.
 */
public final class BuildProcesses {

    /** The variable every process of a build carries; the local launcher sets it to the id. */
    public static final String COOKIE = "SLIPWAY_BUILD_COOKIE";

    private static final Path PROC = Path.of("/proc");
    private static final int MAX_ROUNDS = 20;

    private final String value;
    private final byte[] needle;

    public BuildProcesses(String value) {
        if (value == null || value.isBlank() || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A build cookie must be a non-empty word");
        }
        this.value = value;
        this.needle = (COOKIE + "=" + value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The cookie this process was started with (the local launcher's), else a new random one: the
     * processes this builder starts are then found whether or not a launcher marked it.
     */
    public static BuildProcesses ofThisProcess(Map<String, String> env) {
        String given = env.get(COOKIE);
        return new BuildProcesses(
                given == null || given.isBlank() ? UUID.randomUUID().toString() : given.trim());
    }

    public String value() {
        return value;
    }

    /** Adds the cookie to an environment made for a command. */
    public Map<String, String> mark(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>(env);
        out.put(COOKIE, value);
        return out;
    }

    /** The processes that carry the cookie, this process and its ancestors left out. */
    public List<ProcessHandle> find() {
        List<ProcessHandle> out = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return out;
        }
        List<Long> spared = spared();
        Optional<Object> ownUid = uid(PROC.resolve("self"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (spared.contains(pid)) {
                    continue;
                }
                if (ownUid.isPresent() && !ownUid.equals(uid(entry)) && !isRoot(ownUid.get())) {
                    continue;
                }
                if (carriesCookie(entry)) {
                    ProcessHandle.of(pid).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            // /proc went away under us (not Linux after all): nothing more can be found.
            return out;
        }
        return out;
    }

    /**
     * Kills (SIGKILL) every process that carries the cookie, round after round until none is left,
     * so a process forking while it is being killed is caught in the next round.
     *
     * @return how many processes were killed
     */
    public int killAll() {
        int killed = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<ProcessHandle> found =
                    find().stream().filter(p -> p.isAlive() && !isZombie(p.pid())).toList();
            if (found.isEmpty()) {
                return killed;
            }
            for (ProcessHandle p : found) {
                if (p.destroyForcibly()) {
                    killed++;
                }
            }
            for (ProcessHandle p : found) {
                try {
                    p.onExit().get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // Not reaped yet (it is not our child): the next round looks again.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return killed;
                }
            }
        }
        return killed;
    }

    /** Whether {@code /proc/<pid>/stat} says the process is a zombie (dead, not yet reaped). */
    public static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(String.valueOf(pid)).resolve("stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean carriesCookie(Path proc) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(proc.resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false;
        }
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == needle.length && regionEquals(environ, start)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private boolean regionEquals(byte[] environ, int start) {
        for (int k = 0; k < needle.length; k++) {
            if (environ[start + k] != needle[k]) {
                return false;
            }
        }
        return true;
    }

    private static List<Long> spared() {
        List<Long> out = new ArrayList<>();
        ProcessHandle self = ProcessHandle.current();
        out.add(self.pid());
        Optional<ProcessHandle> parent = self.parent();
        while (parent.isPresent()) {
            out.add(parent.get().pid());
            parent = parent.get().parent();
        }
        return out;
    }

    private static Optional<Object> uid(Path proc) {
        try {
            return Optional.ofNullable(Files.getAttribute(proc, "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isRoot(Object uid) {
        return uid instanceof Integer i && i == 0;
    }
}
