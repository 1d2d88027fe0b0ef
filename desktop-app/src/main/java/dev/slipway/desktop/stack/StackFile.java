package dev.slipway.desktop.stack;

import dev.slipway.core.json.Json;
import dev.slipway.desktop.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code $SLIPWAY_HOME/stack.json} while the local stack runs: its endpoints, its pid, and the
 * local S3 server's generated access key (so the file is readable by its owner only).
 */
public record StackFile(
        long pid,
        Instant startedAt,
        String s3Endpoint,
        String redisUrl,
        int proxyPort,
        String baseDomain,
        String bucket,
        String region,
        String accessKey,
        String secretKey) {

    /** The bucket of the local stack. */
    public static final String LOCAL_BUCKET = "slipway";

    public static final String LOCAL_REGION = "us-east-1";

    public StackStatus toStatus(boolean running) {
        return new StackStatus(running, s3Endpoint, redisUrl, proxyPort, pid);
    }

    /** The file's content, or empty when it does not exist. */
    public static Optional<StackFile> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            StackFile f = Json.documents().fromJson(text, StackFile.class);
            return Optional.ofNullable(f);
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw SlipwayException.infrastructure(
                    file
                            + " cannot be read ("
                            + e.getMessage()
                            + "); stop the stack with 'slipway down' or delete the file.",
                    e);
        }
    }

    /** Writes the file atomically, readable by its owner only. */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "stack", ".json.tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the folder's permissions, which are the user's own.
            }
            Files.writeString(tmp, Json.pretty().toJson(this) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw SlipwayException.infrastructure(
                    "Cannot write "
                            + file
                            + " ("
                            + e.getMessage()
                            + "); check that the folder is writable.",
                    e);
        }
    }

    /** Whether the process that wrote this file is still alive. */
    public boolean processAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
