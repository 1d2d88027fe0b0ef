package dev.slipway.desktop.source;

import dev.slipway.core.build.BuildVariable;
import dev.slipway.core.config.Mode;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.storage.BucketStore;
import dev.slipway.desktop.storage.UploadProgress;
import dev.slipway.worktree.WorkingTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A folder deployed as it is on disk (contract sections 4 and 5): locally the builder copies it
 * ({@code SOURCE_DIRECTORY}); in AWS mode it is archived to {@code sources/<project>/<id>.tar.gz}
 * first ({@code SOURCE_ARCHIVE}), after its size and file count are checked.
 */
public final class FolderSource {

    /** At most this many files are uploaded for one deploy. */
    public static final int MAX_FILES = 20_000;

    /** At most this many bytes are uploaded for one deploy. */
    public static final long MAX_BYTES = 500L * 1024 * 1024;

    private FolderSource() {}

    /**
     * Whether a folder is deployed as its working tree: always without Git; with Git, when it has
     * uncommitted changes and no ref was asked for.
     */
    public static boolean usesWorkingTree(Path folder, String ref) {
        if (!Files.exists(folder.resolve(".git"))) {
            return true;
        }
        return (ref == null || ref.isBlank()) && !changes(folder).isEmpty();
    }

    /** The files that differ from the folder's last commit; empty without Git. */
    public static Set<String> changes(Path folder) {
        try {
            return new WorkingTree(folder).uncommittedChanges();
        } catch (IOException e) {
            throw SlipwayException.badInput(
                    "Cannot read the Git status of " + folder + ": " + e.getMessage());
        }
    }

    /**
     * The builder variables that bring the folder to the build, uploading it in AWS mode (telling
     * {@code progress} how far the upload has come).
     */
    public static Map<String, String> prepare(
            Path folder,
            Mode mode,
            BucketStore bucket,
            Slug project,
            DeploymentId id,
            UploadProgress progress) {
        if (mode == Mode.LOCAL) {
            return Map.of(BuildVariable.SOURCE_DIRECTORY.name(), folder.toString());
        }
        WorkingTree tree = new WorkingTree(folder);
        try {
            List<WorkingTree.Entry> files = tree.files();
            long bytes = files.stream().mapToLong(WorkingTree.Entry::size).sum();
            if (files.size() > MAX_FILES || bytes > MAX_BYTES) {
                throw SlipwayException.badInput(
                        folder
                                + " holds "
                                + files.size()
                                + " files ("
                                + bytes / (1024 * 1024)
                                + " MiB), more than the "
                                + MAX_FILES
                                + " files or "
                                + MAX_BYTES / (1024 * 1024)
                                + " MiB a folder deploy uploads; add what the build does not need to .gitignore.");
            }
            Path archive = Files.createTempFile("slipway-source-", ".tar.gz");
            try {
                tree.archiveTo(archive);
                String key = StorageLayout.sourceArchive(project, id);
                bucket.putFile(key, archive, "application/gzip", progress);
                return Map.of(BuildVariable.SOURCE_ARCHIVE.name(), key);
            } finally {
                Files.deleteIfExists(archive);
            }
        } catch (IOException e) {
            throw SlipwayException.badInput(
                    "Cannot read the folder " + folder + ": " + e.getMessage());
        }
    }
}
