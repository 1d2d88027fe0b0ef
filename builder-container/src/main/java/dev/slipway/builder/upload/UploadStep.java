package dev.slipway.builder.upload;

import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.outcome.Stopped;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.builder.storage.StorageException;
import dev.slipway.core.content.ContentTypes;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.log.Phase;
import dev.slipway.core.storage.StorageLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the output folder's files as content-addressed blobs: hashes every file (SHA-256),
 * finds which blobs the bucket lacks (those of the live deployment are known to exist; the rest in
 * as few requests as {@link BlobPresence} can, growing with the files, not the bucket), and uploads
 * only those, many at once, each with its precompressed variants first (so a blob that exists
 * always has its variants).
 */
public final class UploadStep {

    /** Read whole into memory below this (to hash and compress in one pass); stream above. */
    private static final long IN_MEMORY_MAX = 8L * 1024 * 1024;

    private final Path output;
    private final String shownOutput;
    private final Set<String> skippedTopLevel;
    private final Set<String> knownBlobs;
    private final Bucket bucket;
    private final ExecutorService pool;
    private final int parallelism;
    private final Limits limits;
    private final BuildLog log;
    private final StopSignal stop;
    private final Precompressor precompressor = new Precompressor();

    public UploadStep(
            Path output,
            String shownOutput,
            Set<String> skippedTopLevel,
            Set<String> knownBlobs,
            Bucket bucket,
            ExecutorService pool,
            int parallelism,
            Limits limits,
            BuildLog log,
            StopSignal stop) {
        this.output = output;
        this.shownOutput = shownOutput;
        this.skippedTopLevel = skippedTopLevel;
        this.knownBlobs = knownBlobs;
        this.bucket = bucket;
        this.pool = pool;
        this.parallelism = parallelism;
        this.limits = limits;
        this.log = log;
        this.stop = stop;
    }

    public UploadResult call() {
        OutputScanner scanner =
                new OutputScanner(
                        output,
                        shownOutput,
                        skippedTopLevel,
                        limits,
                        w -> log.warn(Phase.UPLOAD, w));
        List<OutputFile> files = scanner.scan();
        logLeftOut(scanner.leftOut());
        long totalBytes = files.stream().mapToLong(OutputFile::size).sum();
        log.info(
                Phase.UPLOAD,
                "Publishing "
                        + files.size()
                        + " files ("
                        + OutputScanner.mib(totalBytes)
                        + ") from "
                        + shownOutput);

        Map<String, String> shaByPath = hashAll(files);
        Map<String, OutputFile> fileBySha = new LinkedHashMap<>();
        for (OutputFile f : files) {
            fileBySha.putIfAbsent(shaByPath.get(f.path()), f);
        }
        Set<String> missing = missing(fileBySha.keySet());
        int reused = fileBySha.size() - missing.size();
        log.info(
                Phase.UPLOAD,
                missing.isEmpty()
                        ? "All "
                                + fileBySha.size()
                                + " blobs are in the bucket already: nothing to upload"
                        : "Uploading "
                                + missing.size()
                                + " new blobs ("
                                + reused
                                + " of "
                                + fileBySha.size()
                                + " are in the bucket already)");

        AtomicInteger done = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<Callable<Void>> uploads = new ArrayList<>();
        Progress progress = new Progress(missing.size());
        for (String sha : missing) {
            OutputFile f = fileBySha.get(sha);
            uploads.add(
                    () -> {
                        stop.checkpoint();
                        bytes.addAndGet(uploadBlob(sha, f));
                        progress.advance(done.incrementAndGet());
                        return null;
                    });
        }
        runAll(uploads);

        Map<String, FileEntry> entries = new TreeMap<>();
        for (OutputFile f : files) {
            entries.put(
                    f.path(),
                    new FileEntry(
                            shaByPath.get(f.path()), f.size(), ContentTypes.forPath(f.path())));
        }
        return new UploadResult(entries, missing.size(), reused, bytes.get());
    }

    private Map<String, String> hashAll(List<OutputFile> files) {
        Map<String, String> result = new java.util.concurrent.ConcurrentHashMap<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        int chunk = Math.max(1, files.size() / (Runtime.getRuntime().availableProcessors() * 4));
        for (int i = 0; i < files.size(); i += chunk) {
            List<OutputFile> part = files.subList(i, Math.min(files.size(), i + chunk));
            tasks.add(
                    () -> {
                        for (OutputFile f : part) {
                            stop.checkpoint();
                            result.put(f.path(), sha256(f));
                        }
                        return null;
                    });
        }
        runAll(tasks);
        return result;
    }

    private Set<String> missing(Set<String> shas) {
        Set<String> unknown = new HashSet<>(shas);
        unknown.removeAll(knownBlobs);
        BlobPresence.Result found =
                new BlobPresence(
                                new BlobPresence.Listing() {
                                    @Override
                                    public BlobPresence.Page page(String prefix, String token) {
                                        var page = bucket.listPage(prefix, token);
                                        return new BlobPresence.Page(
                                                page.getKey(), page.getValue());
                                    }

                                    @Override
                                    public boolean exists(String key) {
                                        return bucket.exists(key);
                                    }
                                },
                                this::runAll)
                        .missing(unknown);
        if (!unknown.isEmpty()) {
            log.info(
                    Phase.UPLOAD,
                    "Checked "
                            + unknown.size()
                            + " blobs against the bucket in "
                            + found.requests()
                            + " requests ("
                            + found.method()
                            + ")");
        }
        return found.missing();
    }

    /** Uploads one blob with its variants; returns the bytes written. */
    private long uploadBlob(String sha, OutputFile f) {
        String type = ContentTypes.forPath(f.path());
        if (f.size() > IN_MEMORY_MAX) {
            bucket.putFile(StorageLayout.blob(sha), f.source(), f.size(), type);
            return f.size();
        }
        byte[] content = read(f);
        long written = 0;
        if (ContentTypes.isCompressible(type)) {
            Precompressor.Variants v = precompressor.compress(content);
            if (v.gzip().isPresent()) {
                bucket.put(
                        StorageLayout.blob(sha, StorageLayout.Encoding.GZIP),
                        v.gzip().get(),
                        type,
                        "gzip");
                written += v.gzip().get().length;
            }
            if (v.brotli().isPresent()) {
                bucket.put(
                        StorageLayout.blob(sha, StorageLayout.Encoding.BROTLI),
                        v.brotli().get(),
                        type,
                        "br");
                written += v.brotli().get().length;
            }
        }
        bucket.put(StorageLayout.blob(sha), content, type);
        return written + content.length;
    }

    private static byte[] read(OutputFile f) {
        try (InputStream in = Files.newInputStream(f.source(), LinkOption.NOFOLLOW_LINKS)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw Failure.build("Cannot read " + f.path() + " from the output: " + e.getMessage());
        }
    }

    private static String sha256(OutputFile f) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[65536];
        try (InputStream in = Files.newInputStream(f.source(), LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw Failure.build("Cannot read " + f.path() + " from the output: " + e.getMessage());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Runs the tasks on the pool, at most {@code parallelism} at once; the first failure wins. */
    private void runAll(List<Callable<Void>> tasks) {
        List<Future<Void>> futures = new ArrayList<>(tasks.size());
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(parallelism);
        java.util.concurrent.atomic.AtomicBoolean failed =
                new java.util.concurrent.atomic.AtomicBoolean();
        try {
            for (Callable<Void> task : tasks) {
                slots.acquire();
                if (failed.get()) {
                    slots.release();
                    break; // the first failure is reported below; start nothing more
                }
                futures.add(
                        pool.submit(
                                () -> {
                                    try {
                                        return task.call();
                                    } catch (Exception | Error e) {
                                        failed.set(true);
                                        throw e;
                                    } finally {
                                        slots.release();
                                    }
                                }));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new Stopped(StopSignal.Reason.INTERRUPTED);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof Failure failure) {
                throw failure;
            }
            if (cause instanceof Stopped stopped) {
                throw stopped;
            }
            if (cause instanceof StorageException storage) {
                throw storage;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io;
            }
            throw new IllegalStateException("An upload task failed", cause);
        }
    }

    /** Logs upload progress about every tenth of the way. */
    private final class Progress {
        private final int total;
        private final int step;
        private int reported;

        Progress(int total) {
            this.total = total;
            this.step = Math.max(1, total / 10);
        }

        synchronized void advance(int done) {
            if (done == total || done - reported >= step) {
                reported = done;
                log.progress(
                        Phase.UPLOAD, "Uploaded " + done + " of " + total + " blobs", done, total);
            }
        }
    }

    /** Names the private files {@link PrivateFiles} kept out of the deployment. */
    private void logLeftOut(List<String> leftOut) {
        if (leftOut.isEmpty()) {
            return;
        }
        int shown = Math.min(leftOut.size(), 20);
        log.info(
                Phase.UPLOAD,
                "Not published (private or configuration files): "
                        + String.join(", ", leftOut.subList(0, shown))
                        + (leftOut.size() > shown
                                ? " and " + (leftOut.size() - shown) + " more"
                                : ""));
    }
}
