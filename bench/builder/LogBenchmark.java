import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.ConsoleLog;
import dev.slipway.builder.logstream.LogArchive;
import dev.slipway.builder.logstream.RedisLogPublisher;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.process.BuildUser;
import dev.slipway.builder.process.CommandRunner;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.log.Phase;
import dev.slipway.testing.RedisServerExtension;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Log throughput (docs/benchmarks/builder.md): a Node script prints N lines as fast as it can; the
 * builder's CommandRunner reads them and BuildLog streams them to a real Redis (pipelined XADD),
 * the archive and the console. Measures lines per second until the last line is in Redis, and
 * checks that none was lost.
 */
public final class LogBenchmark {

  /** CPU time of this JVM, all threads (the reader, the log, Redis's client, GC). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  public static void main(String[] args) throws Exception {
    int lines = Integer.getInteger("lines", 1_000_000);
    RedisServerExtension redis = new RedisServerExtension();
    redis.beforeAll(null);
    Path dir = Files.createTempDirectory("slipway-log-bench");
    Files.writeString(dir.resolve("print.js"), """
        const n = +process.argv[2];
        let buf = [];
        for (let i = 0; i < n; i++) {
          buf.push('line ' + i + ' \\u001b[32mvite\\u001b[0m transforming src/components/Widget' + (i % 977) + '.tsx');
          if (buf.length === 1000) { process.stdout.write(buf.join('\\n') + '\\n'); buf = []; }
        }
        if (buf.length) process.stdout.write(buf.join('\\n') + '\\n');
        """);
    Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString(), "LANG", "C.UTF-8", "CI", "1");
    try {
      for (int round = 1; round <= 3; round++) {
        // Node alone, output thrown away: the floor.
        long b0 = System.nanoTime();
        Process alone = new ProcessBuilder("node", "print.js", String.valueOf(lines)).directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        alone.waitFor();
        double nodeAlone = (System.nanoTime() - b0) / 1e9;

        DeploymentId id = DeploymentId.newId();
        RedisLogPublisher publisher = new RedisLogPublisher(redis.client(), id, 2_000_000);
        LogArchive archive = new LogArchive(dir.resolve("log-" + round + ".ndjson"));
        ConsoleLog console = new ConsoleLog(Writer.nullWriter());
        BuildLog log = new BuildLog(Clock.systemUTC(), new SecretMasker(List.of("a-secret-token-value")), List.of(publisher, archive, console));
        StopSignal stop = new StopSignal(Clock.systemUTC(), Duration.ofHours(1));
        CommandRunner runner = new CommandRunner(BuildUser.none(), log, stop, Duration.ofSeconds(5));
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        CommandRunner.Result result = runner.run(Phase.BUILD, "node print.js " + lines, dir, env);
        long t1 = System.nanoTime();
        long missing = publisher.awaitDelivered(Duration.ofMinutes(5));
        long t2 = System.nanoTime();
        long cpu = cpuNanos() - cpu0;
        log.ready(null);
        publisher.close(Duration.ofSeconds(30));
        archive.close();
        long archived = Files.lines(archive.file()).count();
        List<StreamMessage<String, String>> tail = redis.connection().sync().xrevrange(LogProtocol.streamKey(id), Range.create("-", "+"), io.lettuce.core.Limit.create(0, 1));
        long lastSeq = LogEvent.fromJson(tail.get(0).getBody().get(LogProtocol.EVENT_FIELD)).seq();
        long xlen = redis.connection().sync().xlen(LogProtocol.streamKey(id));
        System.out.printf("round %d: exit %d, %d lines; node alone %.2f s; through the builder: command done %.2f s, all in Redis %.2f s = %,.0f lines/s; undelivered %d; archive %d events; stream last seq %d (XLEN %d after MAXLEN ~ trimming); builder CPU %.2f us/line = %,.0f lines/s per core%n",
            round, result.exitCode(), lines, nodeAlone, (t1 - t0) / 1e9, (t2 - t0) / 1e9, lines / ((t2 - t0) / 1e9), missing, archived, lastSeq, xlen, cpu / 1e3 / lines, lines / (cpu / 1e9));
        if (missing != 0 || archived != lines + 1 || lastSeq != lines + 1) {
          throw new AssertionError("lines were lost");
        }
        redis.connection().sync().del(LogProtocol.streamKey(id));
      }
    } finally {
      redis.afterAll(null);
    }
  }
}
