import dev.slipway.bench.DelayProxy;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.LogListener;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.builder.storage.S3Clients;
import dev.slipway.builder.config.Limits;
import dev.slipway.builder.upload.UploadResult;
import dev.slipway.builder.upload.UploadStep;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.testing.S3ServerExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Upload benchmark (docs/benchmarks/builder.md): 2,000 files (1,900 of 1-8 KB, 95 of 50-200 KB, 5 of
 * 2-5 MB) to an in-process S3-compatible server (S3Proxy) behind a proxy adding 15 ms to every
 * request; Slipway's UploadStep against `rclone copy --transfers 16`, alternating, in the same run.
 */
public final class UploadBenchmark {

  static final int ROUNDS = Integer.getInteger("rounds", 3);
  static final long DELAY_MS = Long.getLong("delayMs", 15);
  /** -Dtrace=true prints this JVM's CPU use per 250 ms during each Slipway upload. */
  static final boolean TRACE = Boolean.getBoolean("trace");

  public static void main(String[] args) throws Exception {
    S3ServerExtension s3 = new S3ServerExtension();
    s3.beforeAll(null);
    System.setProperty("aws.accessKeyId", S3ServerExtension.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ServerExtension.SECRET_KEY);
    System.setProperty("aws.region", S3ServerExtension.REGION);
    try (DelayProxy proxy = new DelayProxy(s3.port(), DELAY_MS)) {
      URI endpoint = URI.create("http://127.0.0.1:" + proxy.port());
      System.out.printf("S3Proxy on %d, delaying proxy (+%d ms per request) on %d, %d rounds%n", s3.port(), DELAY_MS, proxy.port(), ROUNDS);
      Path root = Files.createTempDirectory("slipway-upload-bench");
      for (String kind : System.getProperty("kinds", "binary,text").split(",")) {
        Path dir = root.resolve(kind);
        long bytes = generate(dir, kind);
        System.out.printf("%n== %s files: 2000 files, %.1f MiB%n", kind, bytes / 1048576.0);
        List<Long> slipway = new ArrayList<>();
        List<Long> rclone = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        List<Long> slipwayCpu = new ArrayList<>();
        List<Long> rcloneCpu = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
          String bucketA = s3.createBucket();
          String bucketB = s3.createBucket();
          boolean rcloneFirst = round % 2 == 0;
          if (rcloneFirst) {
            rclone.add(rclone(dir, endpoint, bucketB, rcloneCpu));
          }
          try (S3Client client = S3Clients.create(endpoint, 36)) {
            CpuTrace trace = TRACE ? CpuTrace.start() : null;
            long[] c0 = cpuTicks();
            long t0 = System.nanoTime();
            UploadResult first = upload(dir, new Bucket(client, bucketA), List.of());
            long t1 = System.nanoTime();
            long[] c1 = cpuTicks();
            slipway.add(t1 - t0);
            slipwayCpu.add(c1[0] - c0[0]);
            if (trace != null) {
              System.out.println("round " + round + ": slipway CPU % per 250 ms: " + trace.stop());
            }
            List<FileEntry> live = List.copyOf(first.files().values());
            long t2 = System.nanoTime();
            UploadResult again = upload(dir, new Bucket(client, bucketA), List.of());
            long t3 = System.nanoTime();
            UploadResult fromManifest = upload(dir, new Bucket(client, bucketA), live);
            long t4 = System.nanoTime();
            second.add(t3 - t2);
            long variants = first.files().values().stream().filter(f -> !f.encodings().isEmpty()).count();
            System.out.printf("round %d: slipway %6.0f ms (%d blobs, %d files with a stored variant, %.1f MiB written); redeploy: %d uploads in %.0f ms (HEADs), %d uploads in %.0f ms (live manifest); load %s%n",
                round, (t1 - t0) / 1e6, first.uploadedBlobs(), variants, first.uploadedBytes() / 1048576.0,
                again.uploadedBlobs(), (t3 - t2) / 1e6, fromManifest.uploadedBlobs(), (t4 - t3) / 1e6, load());
            if (again.uploadedBlobs() != 0 || fromManifest.uploadedBlobs() != 0) {
              throw new AssertionError("a redeploy of the same files uploaded blobs");
            }
          }
          if (!rcloneFirst) {
            rclone.add(rclone(dir, endpoint, bucketB, rcloneCpu));
          }
          long[] rc = rcloneCpu.subList(rcloneCpu.size() - 2, rcloneCpu.size()).stream().mapToLong(Long::longValue).toArray();
          System.out.printf("round %d: rclone  %6.0f ms; load %s%n", round, rclone.get(rclone.size() - 1) / 1e6, load());
          System.out.printf("round %d: CPU seconds: slipway %.2f (client and S3Proxy, one JVM); rclone %.2f (S3Proxy %.2f + rclone %.2f)%n",
              round, slipwayCpu.get(slipwayCpu.size() - 1) / 100.0, (rc[0] + rc[1]) / 100.0, rc[0] / 100.0, rc[1] / 100.0);
        }
        double s = median(slipway) / 1e6;
        double r = median(rclone) / 1e6;
        System.out.printf("RESULT %s: slipway median %.0f ms, rclone --transfers 16 median %.0f ms, ratio %.2f; redeploy median %.0f ms with 0 uploads%n",
            kind, s, r, s / r, median(second) / 1e6);
        List<Long> rcloneTotal = new ArrayList<>();
        for (int i = 0; i < rcloneCpu.size(); i += 2) {
          rcloneTotal.add(rcloneCpu.get(i) + rcloneCpu.get(i + 1));
        }
        System.out.printf("RESULT %s CPU: slipway median %.2f s (client and S3Proxy), rclone median %.2f s (S3Proxy and rclone)%n",
            kind, median(slipwayCpu) / 100.0, median(rcloneTotal) / 100.0);
      }
    } finally {
      s3.afterAll(null);
    }
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  static UploadResult upload(Path dir, Bucket bucket, List<FileEntry> known) {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      // The step's account of its requests ("Checked N blobs ... in M requests"), for the first upload.
      BuildLog log = new BuildLog(Clock.systemUTC(), SecretMasker.none(), List.<LogListener>of((e, j) -> {
        if (known.isEmpty() && e.line() != null && e.line().startsWith("Checked ")) {
          System.out.println("  " + e.line());
        }
      }));
      return new UploadStep(dir, "dist/", Set.of(), known, bucket, pool, 32, Limits.standard(), log,
          new StopSignal(Clock.systemUTC(), Duration.ofHours(1))).call();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Adds two figures to {@code cpu}: this JVM's CPU ticks (S3Proxy) and rclone's, during the copy. */
  static long rclone(Path dir, URI endpoint, String bucket, List<Long> cpu) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("rclone", "copy", dir.toString(), "bench:" + bucket, "--transfers", "16")
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("AWS_CA_BUNDLE"); // a custom CA bundle breaks rclone on plain http
    env.put("RCLONE_CONFIG_BENCH_TYPE", "s3");
    env.put("RCLONE_CONFIG_BENCH_PROVIDER", "Other");
    env.put("RCLONE_CONFIG_BENCH_ACCESS_KEY_ID", S3ServerExtension.ACCESS_KEY);
    env.put("RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY", S3ServerExtension.SECRET_KEY);
    env.put("RCLONE_CONFIG_BENCH_ENDPOINT", endpoint.toString());
    env.put("RCLONE_CONFIG_BENCH_REGION", S3ServerExtension.REGION);
    long[] c0 = cpuTicks();
    long t0 = System.nanoTime();
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("rclone failed with " + p.exitValue() + ":\n" + output);
    }
    long elapsed = System.nanoTime() - t0;
    long[] c1 = cpuTicks();
    cpu.add(c1[0] - c0[0]);
    cpu.add(c1[1] - c0[1]);
    return elapsed;
  }

  /**
   * This JVM's CPU time and that of its waited-for children (rclone), in clock ticks of 10 ms, from
   * /proc/self/stat (utime + stime, cutime + cstime).
   */
  static long[] cpuTicks() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Samples this JVM's CPU use every 250 ms until stopped, and every 50 ms each Java thread's CPU
   * time, summed by thread group at the end (the upload's pool, S3Proxy's Jetty, the delaying
   * relay, the rest); what no Java thread accounts for is the JVM's own (GC, JIT).
   */
  static final class CpuTrace {
    private final StringBuilder out = new StringBuilder();
    private final Thread thread;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private final Map<Long, long[]> byThread = new java.util.HashMap<>(); // id -> {first, last}
    private final Map<Long, String> names = new java.util.HashMap<>();
    private final long ticks0 = cpuTicks()[0];

    private CpuTrace() {
      thread = new Thread(() -> {
        long last = cpuTicks()[0];
        int n = 0;
        try {
          while (true) {
            sampleThreads();
            Thread.sleep(50);
            if (++n % 5 == 0) {
              long now = cpuTicks()[0];
              synchronized (out) {
                out.append(now - last).append(' ');
              }
              last = now;
            }
          }
        } catch (InterruptedException e) {
          sampleThreads();
        }
      }, "cpu-trace");
      thread.setDaemon(true);
    }

    private synchronized void sampleThreads() {
      boolean initial = byThread.isEmpty();
      for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info == null) {
          continue;
        }
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        if (cpu < 0) {
          continue;
        }
        long[] v = byThread.computeIfAbsent(info.getThreadId(), id -> new long[] {initial ? cpu : 0, cpu});
        v[1] = cpu;
        names.put(info.getThreadId(), info.getThreadName());
      }
    }

    static CpuTrace start() {
      CpuTrace t = new CpuTrace();
      t.sampleThreads();
      t.thread.start();
      return t;
    }

    String stop() throws InterruptedException {
      thread.interrupt();
      thread.join();
      long process = (cpuTicks()[0] - ticks0) * 10_000_000L;
      Map<String, Long> groups = new java.util.TreeMap<>();
      long sum = 0;
      synchronized (this) {
        for (var e : byThread.entrySet()) {
          String name = names.get(e.getKey());
          String group = name.startsWith("pool-") ? "upload pool" : name.contains("Jetty") ? "S3Proxy" : name.startsWith("delay") ? "delay relay" : name;
          long used = e.getValue()[1] - e.getValue()[0];
          groups.merge(group, used, Long::sum);
          sum += used;
        }
      }
      StringBuilder sb = new StringBuilder();
      synchronized (out) {
        sb.append(out.toString().trim());
      }
      sb.append("\n    CPU s by thread:");
      groups.entrySet().stream().filter(e -> e.getValue() >= 20_000_000L)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> sb.append(String.format(" %s %.2f;", e.getKey(), e.getValue() / 1e9)));
      sb.append(String.format(" no Java thread (GC, JIT) %.2f; process %.2f", (process - sum) / 1e9, process / 1e9));
      return sb.toString();
    }
  }

  /** The 2,000 files; "text" ones are compressible JavaScript, "binary" ones random bytes. */
  static long generate(Path dir, String kind) throws Exception {
    Random random = new Random(42);
    long total = 0;
    int[][] groups = {{1900, 1024, 8 * 1024}, {95, 50 * 1024, 200 * 1024}, {5, 2 << 20, 5 << 20}};
    int n = 0;
    for (int[] g : groups) {
      for (int i = 0; i < g[0]; i++, n++) {
        int size = g[1] + random.nextInt(g[2] - g[1] + 1);
        Path file = dir.resolve("assets/d" + (n % 20) + "/f" + n + (kind.equals("text") ? ".js" : ".bin"));
        Files.createDirectories(file.getParent());
        Files.write(file, kind.equals("text") ? text(random, size) : bytes(random, size));
        total += size;
      }
    }
    return total;
  }

  static byte[] bytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  static byte[] text(Random random, int size) {
    String[] words = {"const", "function", "return", "export", "import", "value", "props", "state", "=>", "{", "}", ";", "\n"};
    StringBuilder sb = new StringBuilder(size + 16);
    sb.append("// ").append(random.nextLong()).append('\n');
    while (sb.length() < size) {
      sb.append(words[random.nextInt(words.length)]).append(' ').append(Integer.toString(random.nextInt(5000), 36)).append(' ');
    }
    sb.setLength(size);
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
