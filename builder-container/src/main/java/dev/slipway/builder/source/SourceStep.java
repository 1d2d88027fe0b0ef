package dev.slipway.builder.source;

import dev.slipway.builder.checkout.CheckedOut;
import dev.slipway.builder.config.DeployOptions;
import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.core.log.Phase;
import dev.slipway.core.text.Counts;
import dev.slipway.worktree.WorkingTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a working tree in place of a clone: the local folder of {@code SOURCE_DIRECTORY}, copied as
 * it is on disk, or the bucket's {@code SOURCE_ARCHIVE}, downloaded and unpacked.
 */
public final class SourceStep {

    private final DeployOptions options;
    private final Bucket bucket;
    private final Path target;
    private final Path scratch;
    private final BuildLog log;

    /** Puts the deploy's working tree (from the bucket) into the context's source folder. */
    public SourceStep(BuildContext context) {
        this(
                context.config().options(),
                context.bucket(),
                context.sourceDirectory(),
                context.workDirectory().resolve("source-archive"),
                context.log());
    }

    SourceStep(DeployOptions options, Bucket bucket, Path target, Path scratch, BuildLog log) {
        this.options = options;
        this.bucket = bucket;
        this.target = target;
        this.scratch = scratch;
        this.log = log;
    }

    public CheckedOut call() {
        try {
            if (options.sourceDirectory() != null) {
                WorkingTree tree = new WorkingTree(Path.of(options.sourceDirectory()));
                int n = tree.copyTo(target).size();
                log.info(
                        Phase.CLONE,
                        "Copied "
                                + Counts.of(n, "file")
                                + " of "
                                + tree.root()
                                + " as they are on disk (.gitignore respected)");
                return new CheckedOut(target, null, null, null);
            }
            Files.createDirectories(scratch);
            Path archive = scratch.resolve("source.tar.gz");
            if (!bucket.download(options.sourceArchive(), archive)) {
                throw Failure.badInput(
                        "The source archive "
                                + options.sourceArchive()
                                + " is not in the bucket: deploy the folder again.");
            }
            int n = WorkingTree.extract(archive, target);
            Files.deleteIfExists(archive);
            log.info(
                    Phase.CLONE,
                    "Unpacked "
                            + Counts.of(n, "file")
                            + " from "
                            + options.sourceArchive()
                            + " (a folder's working tree)");
            return new CheckedOut(target, null, null, null);
        } catch (IOException e) {
            throw Failure.badInput("Cannot take the folder's files: " + e.getMessage(), e);
        }
    }
}
