package dev.slipway.builder.upload;

import dev.slipway.builder.config.Limits;
import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.outcome.Stopped;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.builder.storage.StorageException;
import dev.slipway.builder.threads.DaemonThreads;
import dev.slipway.core.content.ContentTypes;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.log.Phase;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.core.text.Counts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Publishes the output folder's files as content-addressed blobs: hashes every file (SHA-256),
 * finds which blobs the bucket lacks (those of the live deployment are known to exist, with the
 * variants its manifest lists; the rest with one HEAD each, see {@link BlobPresence}), and uploads
 * only those, many at once, each with its precompressed variant first (so a blob that exists always
 * has its variants). Every file's {@code encodings} in the result says which variants are stored,
 * so the proxy never probes the bucket for one.
 */
public final class UploadStep {

    /**
     * A project's first deployment of at least this many files also asks for one listing page
     * ({@link BlobPresence#startListing}): into a new or small bucket it saves a HEAD per file.
     */
    static final int LISTING_MIN_FILES = 100;

    /** Read whole into memory below this (to hash and compress in one pass); stream above. */
    private static final long IN_MEMORY_MAX = 8L * 1024 * 1024;

    private final Path output;
    private final String shownOutput;
    private final Set<String> skippedTopLevel;
    private final Map<String, FileEntry> live;
    private final Bucket bucket;
    private final ExecutorService pool;
    private final int parallelism;
    private final Limits limits;
    private final BuildLog log;
    private final StopSignal stop;
    private final Precompressor precompressor = new Precompressor();

    /**
     * Uploads the output to the context's bucket with its upload threads and limits.
     *
     * @param shownOutput the folder as the person knows it ({@code dist/}), for messages
     * @param skippedTopLevel top-level names left out ({@code .git}, {@code node_modules})
     * @param liveFiles the live deployment's files, whose blobs exist
     */
    public UploadStep(
            BuildContext context,
            Path output,
            String shownOutput,
            Set<String> skippedTopLevel,
            Collection<FileEntry> liveFiles) {
        this(
                output,
                shownOutput,
                skippedTopLevel,
                liveFiles,
                context.bucket(),
                context.uploads().pool(),
                context.uploads().parallelism(),
                context.uploads().limits(),
                context.log(),
                context.stop());
    }

    /** The same with every input spelled out: for its tests and bench/builder's UploadBenchmark. */
    public UploadStep(
            Path output,
            String shownOutput,
            Set<String> skippedTopLevel,
            Collection<FileEntry> liveFiles,
            Bucket bucket,
            ExecutorService pool,
            int parallelism,
            Limits limits,
            BuildLog log,
            StopSignal stop) {
        this.output = output;
        this.shownOutput = shownOutput;
        this.skippedTopLevel = skippedTopLevel;
        this.live = new HashMap<>();
        for (FileEntry f : liveFiles) {
            live.putIfAbsent(f.sha256(), f);
        }
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
                        + Counts.of(files.size(), "file")
                        + " ("
                        + OutputScanner.mib(totalBytes)
                        + ") from "
                        + shownOutput);

        BlobPresence presence =
                new BlobPresence(
                        new BlobPresence.Listing() {
                            @Override
                            public BlobPresence.Page page(String prefix, @Nullable String token) {
                                var page = bucket.listPage(prefix, token);
                                return new BlobPresence.Page(page.getKey(), page.getValue());
                            }

                            @Override
                            public boolean exists(String key) {
                                return bucket.exists(key);
                            }
                        },
                        this::runAll);
        ExecutorService lister = null;
        if (live.isEmpty() && files.size() >= LISTING_MIN_FILES) {
            lister = Executors.newSingleThreadExecutor(DaemonThreads.named("upload-listing"));
            presence.startListing(lister);
        }
        // One task per file, all the way: read, hash, then (for the first file of each blob)
        // skip it when the live manifest names it, else HEAD it and upload it when missing. No
        // phase waits for another, so requests overlap the hashing and compressing of other files.
        Map<String, String> shaByPath = new ConcurrentHashMap<>();
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        Map<String, List<String>> encodings = new ConcurrentHashMap<>();
        AtomicInteger uploaded = new AtomicInteger();
        AtomicInteger checked = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        Progress progress = new Progress(files.size());
        AtomicInteger done = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>(files.size());
        // Largest first: the few big files (the longest to read, compress and send) start at
        // once and overlap the many small ones, instead of running alone at the end.
        List<OutputFile> bySize = new ArrayList<>(files);
        bySize.sort(java.util.Comparator.comparingLong(OutputFile::size).reversed());
        for (OutputFile f : bySize) {
            tasks.add(
                    () -> {
                        stop.checkpoint();
                        byte[] content = f.size() > IN_MEMORY_MAX ? null : read(f);
                        String sha = content == null ? sha256(f) : sha256(content);
                        shaByPath.put(f.path(), sha);
                        if (claimed.add(sha)) {
                            publish(sha, f, content, presence, encodings, uploaded, checked, bytes);
                        }
                        progress.advance(done.incrementAndGet(), uploaded.get());
                        return null;
                    });
        }
        try {
            runAll(tasks);
        } finally {
            if (lister != null) {
                lister.shutdownNow();
            }
        }
        int blobs = claimed.size();
        int reused = blobs - uploaded.get();
        if (checked.get() > 0) {
            log.info(
                    Phase.UPLOAD,
                    "Checked "
                            + Counts.of(checked.get(), "blob")
                            + " against the bucket in "
                            + Counts.of(presence.requests(), "request")
                            + " ("
                            + (presence.listed()
                                    ? "one listing page held the whole of blobs/ and answered"
                                            + " every check after it came back"
                                    : "one HEAD per blob, three for a compressible file whose"
                                            + " variants the live manifest does not list")
                            + "); "
                            + (blobs - checked.get())
                            + " known from the live deployment");
        }
        log.info(
                Phase.UPLOAD,
                uploaded.get() == 0
                        ? (blobs == 1
                                        ? "The one blob is in the bucket already"
                                        : "All " + blobs + " blobs are in the bucket already")
                                + ": nothing to upload"
                        : "Uploaded "
                                + Counts.of(uploaded.get(), "new blob")
                                + " ("
                                + reused
                                + " of "
                                + blobs
                                + (reused == 1 ? " was" : " were")
                                + " in the bucket already)");

        Map<String, FileEntry> entries = new TreeMap<>();
        for (OutputFile f : files) {
            String sha = shaByPath.get(f.path());
            entries.put(
                    f.path(),
                    new FileEntry(
                            sha, f.size(), ContentTypes.forPath(f.path()), encodings.get(sha)));
        }
        return new UploadResult(entries, uploaded.get(), reused, bytes.get());
    }

    /**
     * Makes sure one blob is in the bucket and records its stored variants: from the live manifest,
     * or asked of the bucket, or uploaded now.
     */
    private void publish(
            String sha,
            OutputFile f,
            byte @Nullable [] content,
            BlobPresence presence,
            Map<String, List<String>> encodings,
            AtomicInteger uploaded,
            AtomicInteger checked,
            AtomicLong bytes) {
        FileEntry known = live.get(sha);
        boolean mayHaveVariants = mayHaveVariants(f);
        if (known != null && known.encodingsKnown()) {
            encodings.put(sha, known.encodings());
            return;
        }
        if (known != null && !mayHaveVariants) {
            encodings.put(sha, List.of());
            return;
        }
        checked.incrementAndGet();
        Optional<List<String>> stored = presence.stored(sha, mayHaveVariants);
        if (stored.isPresent()) {
            encodings.put(sha, stored.get());
            return;
        }
        stop.checkpoint();
        Uploaded u = uploadBlob(sha, f, content);
        encodings.put(sha, u.encodings());
        bytes.addAndGet(u.bytes());
        uploaded.incrementAndGet();
    }

    /** Whether this file's blob may have stored variants (a compressible type, big enough). */
    private static boolean mayHaveVariants(OutputFile f) {
        return f.size() >= Precompressor.MIN_SIZE
                && f.size() <= IN_MEMORY_MAX
                && ContentTypes.isCompressible(ContentTypes.forPath(f.path()));
    }

    /** What one blob's upload wrote: its bytes, variants included, and the variants stored. */
    private record Uploaded(long bytes, List<String> encodings) {}

    /** Uploads one blob, its variants first; {@code content} is null for a file streamed. */
    private Uploaded uploadBlob(String sha, OutputFile f, byte @Nullable [] content) {
        String type = ContentTypes.forPath(f.path());
        if (content == null) {
            bucket.putFile(StorageLayout.blob(sha), f.source(), f.size(), type);
            return new Uploaded(f.size(), List.of());
        }
        long written = 0;
        List<String> stored = new ArrayList<>(2);
        if (ContentTypes.isCompressible(type)) {
            Precompressor.Variants v = precompressor.compress(content);
            if (v.brotli().isPresent()) {
                bucket.put(
                        StorageLayout.blob(sha, StorageLayout.Encoding.BROTLI),
                        v.brotli().get(),
                        type,
                        StorageLayout.Encoding.BROTLI.contentEncoding());
                written += v.brotli().get().length;
                stored.add(StorageLayout.Encoding.BROTLI.contentEncoding());
            }
            if (v.gzip().isPresent()) {
                bucket.put(
                        StorageLayout.blob(sha, StorageLayout.Encoding.GZIP),
                        v.gzip().get(),
                        type,
                        StorageLayout.Encoding.GZIP.contentEncoding());
                written += v.gzip().get().length;
                stored.add(StorageLayout.Encoding.GZIP.contentEncoding());
            }
        }
        bucket.put(StorageLayout.blob(sha), content, type);
        return new Uploaded(written + content.length, List.copyOf(stored));
    }

    private static byte[] read(OutputFile f) {
        try (InputStream in = Files.newInputStream(f.source(), LinkOption.NOFOLLOW_LINKS)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw Failure.build("Cannot read " + f.path() + " from the output: " + e.getMessage());
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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

    /** Logs progress about every tenth of the way: files done, blobs uploaded. */
    private final class Progress {
        private final int total;
        private final int step;
        private int reported;

        Progress(int total) {
            this.total = total;
            this.step = Math.max(1, total / 10);
        }

        synchronized void advance(int done, int uploaded) {
            if (done == total || done - reported >= step) {
                reported = done;
                log.progress(
                        Phase.UPLOAD,
                        "Published "
                                + done
                                + " of "
                                + Counts.of(total, "file")
                                + " ("
                                + uploaded
                                + " uploaded)",
                        done,
                        total);
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
