package dev.slipway.builder.toolchain;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine's own {@code node}: the first on the builder's {@code PATH}. (A child process's
 * {@code PATH} does not decide where Java finds its program, so the folders are searched here.)
 */
record MachineNode(Path executable, NodeVersion version) {

    /** The first working {@code node} on {@code path}, or empty. */
    static Optional<MachineNode> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate;
            try {
                candidate = Path.of(dir, "node");
            } catch (InvalidPathException e) {
                continue;
            }
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return version(candidate, path).map(v -> new MachineNode(candidate, v));
            }
        }
        return Optional.empty();
    }

    /** {@code node --version} of {@code executable}. */
    static Optional<NodeVersion> version(Path executable, String path) {
        try {
            ProcessBuilder pb =
                    new ProcessBuilder(executable.toString(), "--version")
                            .redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().put("PATH", path);
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readNBytes(200), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? NodeVersion.parse(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
