package dev.slipway.desktop.link;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A folder's link to its project: {@code .slipway/project.json}, {@code {"project":"demo"}},
 * written by the first deploy from the folder and by {@code slipway link}; {@code slipway deploy}
 * without a repository inside the folder (or below it) redeploys that project.
 */
public final class ProjectLink {

    public static final String FILE = ".slipway/project.json";

    private ProjectLink() {}

    /** The link of {@code folder} or of its nearest parent that has one. */
    public static Optional<Linked> find(Path folder) {
        for (Path p = folder.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path file = p.resolve(FILE);
            if (Files.isRegularFile(file)) {
                return Optional.of(new Linked(p, read(file)));
            }
        }
        return Optional.empty();
    }

    /** A linked folder and its project. */
    public record Linked(Path folder, Slug project) {}

    public static void write(Path folder, Slug project) {
        Path file = folder.resolve(FILE);
        try {
            Files.createDirectories(file.getParent());
            JsonObject o = new JsonObject();
            o.addProperty("project", project.value());
            Files.writeString(file, o + "\n", StandardCharsets.UTF_8);
            Path ignore = file.getParent().resolve(".gitignore");
            if (!Files.exists(ignore)) {
                Files.writeString(ignore, "*\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw SlipwayException.infrastructure(
                    "Cannot write "
                            + file
                            + " ("
                            + e.getMessage()
                            + "); check the folder is writable.",
                    e);
        }
    }

    /** Removes the folder's link; false when it had none. */
    public static boolean remove(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            boolean existed = Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent().resolve(".gitignore"));
            if (Files.isDirectory(file.getParent())) {
                try (var s = Files.list(file.getParent())) {
                    if (s.findAny().isEmpty()) {
                        Files.delete(file.getParent());
                    }
                }
            }
            return existed;
        } catch (IOException e) {
            throw SlipwayException.infrastructure(
                    "Cannot remove " + file + " (" + e.getMessage() + ").", e);
        }
    }

    private static Slug read(Path file) {
        try {
            JsonObject o =
                    JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                            .getAsJsonObject();
            return Slug.of(o.get("project").getAsString());
        } catch (IOException | RuntimeException e) {
            throw SlipwayException.badInput(
                    file
                            + " is not a Slipway link ("
                            + e.getMessage()
                            + "); run 'slipway unlink' there, or 'slipway link <project>'.");
        }
    }
}
