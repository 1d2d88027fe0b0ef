package dev.slipway.builder.upload;

import dev.slipway.bench.DelayProxy;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.builder.storage.S3Clients;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.testing.S3ServerExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Blob existence checks (docs/benchmarks/integrity.md): a deployment of 301 files (280 stored
 * already, 21 new) against a bucket of 38,000 blobs (a third with a .gz variant) on S3Proxy behind
 * a proxy adding 15 ms to every request, as in the issue. Compares, alternating, in one run:
 * BlobPresence (this change); the previous code (a listing bounded at 10,000 keys, then one HEAD
 * per blob); the whole listing of blobs/ (what the issue measured); one HEAD per blob.
 */
public final class BlobCheckBenchmark {

  static final int BLOBS = Integer.getInteger("blobs", 38_000);
  static final int FILES = Integer.getInteger("files", 301);
  static final int NEW = Integer.getInteger("newFiles", 21);
  static final int ROUNDS = Integer.getInteger("rounds", 3);
  static final long DELAY_MS = Long.getLong("delayMs", 15);
  static final int PARALLEL = 16;

  public static void main(String[] args) throws Exception {
    S3ServerExtension s3 = new S3ServerExtension();
    s3.beforeAll(null);
    System.setProperty("aws.accessKeyId", S3ServerExtension.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ServerExtension.SECRET_KEY);
    System.setProperty("aws.region", S3ServerExtension.REGION);
    String bucketName = s3.bucket();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    S3Client direct = s3.newClient();
    long fill = System.nanoTime();
    List<Callable<Void>> puts = new ArrayList<>();
    for (int i = 0; i < BLOBS; i++) {
      int n = i;
      puts.add(
          () -> {
            String sha = sha("blob-" + n);
            direct.putObject(b -> b.bucket(bucketName).key(StorageLayout.blob(sha)), RequestBody.fromString("blob-" + n));
            if (n % 3 == 0) {
              direct.putObject(
                  b -> b.bucket(bucketName).key(StorageLayout.blob(sha, StorageLayout.Encoding.GZIP)),
                  RequestBody.fromString("gz"));
            }
            return null;
          });
    }
    runAll(pool, puts);
    System.out.printf(Locale.ROOT, "filled %d blobs in %.1f s; load %s%n", BLOBS, (System.nanoTime() - fill) / 1e9, load());

    Set<String> needed = new HashSet<>();
    for (int i = 0; i < FILES - NEW; i++) {
      needed.add(sha("blob-" + (i * 97 % BLOBS)));
    }
    Set<String> expectedMissing = new HashSet<>();
    for (int i = 0; i < NEW; i++) {
      String sha = sha("new-" + i);
      needed.add(sha);
      expectedMissing.add(sha);
    }

    try (DelayProxy proxy = new DelayProxy(s3.port(), DELAY_MS);
        S3Client client = S3Clients.create(URI.create("http://127.0.0.1:" + proxy.port()), 36)) {
      Bucket bucket = new Bucket(client, bucketName);
      AtomicInteger requests = new AtomicInteger();
      BlobPresence.Listing counting =
          new BlobPresence.Listing() {
            @Override
            public BlobPresence.Page page(String prefix, String token) {
              requests.incrementAndGet();
              var page = bucket.listPage(prefix, token);
              return new BlobPresence.Page(page.getKey(), page.getValue());
            }

            @Override
            public boolean exists(String key) {
              requests.incrementAndGet();
              return bucket.exists(key);
            }
          };
      System.out.printf(Locale.ROOT, "%d needed blobs (%d new), %d stored, +%d ms per request, %d rounds, alternating%n", needed.size(), NEW, BLOBS, DELAY_MS, ROUNDS);
      String[] methods = {"BlobPresence", "previous (bounded listing, then HEADs)", "HEAD per blob", "whole listing", "BlobPresence, first deploy (page beside HEADs)"};
      double[][] seconds = new double[methods.length][ROUNDS];
      int[] counts = new int[methods.length];
      for (int round = 0; round < ROUNDS; round++) {
        for (int m = 0; m < methods.length; m++) {
          if (m == 3 && Boolean.getBoolean("skipWholeListing")) {
            continue;
          }
          requests.set(0);
          long t = System.nanoTime();
          Set<String> missing =
              switch (m) {
                case 0 -> new BlobPresence(counting, tasks -> runAll(pool, tasks)).missing(needed).missing();
                case 1 -> previous(counting, pool, needed);
                case 2 -> heads(counting, pool, needed);
                case 4 -> firstDeploy(counting, pool, needed);
                default -> wholeListing(counting, needed);
              };
          seconds[m][round] = (System.nanoTime() - t) / 1e9;
          counts[m] = requests.get();
          System.out.printf(Locale.ROOT, "round %d  %-40s %5d requests  %6.2f s  load %s%n", round + 1, methods[m], counts[m], seconds[m][round], load());
          if (!missing.equals(expectedMissing)) {
            throw new IllegalStateException(methods[m] + " found the wrong blobs missing");
          }
        }
      }
      for (int m = 0; m < methods.length; m++) {
        double[] s = seconds[m].clone();
        java.util.Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-40s %5d requests  median %6.2f s  (rounds %s)%n", methods[m], counts[m], s[s.length / 2], java.util.Arrays.toString(seconds[m]));
      }
      System.out.println("load " + load());
    } finally {
      pool.shutdownNow();
      s3.afterAll(null);
    }
  }

  /** The code before this change: list up to 10,000 keys; beyond that, one HEAD per blob. */
  static Set<String> previous(BlobPresence.Listing bucket, ExecutorService pool, Set<String> needed) throws Exception {
    int limit = Math.max(10_000, needed.size() * 4);
    Set<String> keys = new HashSet<>();
    String token = null;
    do {
      BlobPresence.Page page = bucket.page(StorageLayout.BLOBS, token);
      keys.addAll(page.keys());
      if (keys.size() > limit) {
        return heads(bucket, pool, needed);
      }
      token = page.next();
    } while (token != null);
    Set<String> missing = new HashSet<>();
    for (String sha : needed) {
      if (!keys.contains(StorageLayout.blob(sha))) {
        missing.add(sha);
      }
    }
    return missing;
  }

  /** As a project's first deployment checks: one listing page asked beside the HEADs. */
  static Set<String> firstDeploy(BlobPresence.Listing bucket, ExecutorService pool, Set<String> needed) {
    ExecutorService lister = Executors.newSingleThreadExecutor();
    try {
      BlobPresence presence = new BlobPresence(bucket, tasks -> runAll(pool, tasks));
      presence.startListing(lister);
      Set<String> missing = java.util.concurrent.ConcurrentHashMap.newKeySet();
      List<Callable<Void>> tasks = new ArrayList<>();
      for (String sha : needed) {
        tasks.add(() -> {
          if (presence.stored(sha, false).isEmpty()) {
            missing.add(sha);
          }
          return null;
        });
      }
      runAll(pool, tasks);
      return missing;
    } finally {
      lister.shutdownNow();
    }
  }

  static Set<String> wholeListing(BlobPresence.Listing bucket, Set<String> needed) {
    Set<String> keys = new HashSet<>();
    String token = null;
    do {
      BlobPresence.Page page = bucket.page(StorageLayout.BLOBS, token);
      keys.addAll(page.keys());
      token = page.next();
    } while (token != null);
    Set<String> missing = new HashSet<>();
    for (String sha : needed) {
      if (!keys.contains(StorageLayout.blob(sha))) {
        missing.add(sha);
      }
    }
    return missing;
  }

  static Set<String> heads(BlobPresence.Listing bucket, ExecutorService pool, Set<String> needed) {
    Set<String> missing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (String sha : needed) {
      tasks.add(
          () -> {
            if (!bucket.exists(StorageLayout.blob(sha))) {
              missing.add(sha);
            }
            return null;
          });
    }
    runAll(pool, tasks);
    return missing;
  }

  static void runAll(ExecutorService pool, List<Callable<Void>> tasks) {
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> t : tasks) {
        futures.add(pool.submit(t));
      }
      for (Future<Void> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha(String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return Optional.<String>empty().orElse("?");
    }
  }
}
