import dev.slipway.core.content.ContentTypes;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Uploads a built folder (a Vite dist) to an S3-compatible server exactly as the builder does
 * (contract section 4): blobs by SHA-256, .gz and .br variants of compressible files when smaller
 * (.br needs the `brotli` command), the manifest, then the project record.
 *
 * java -cp proxy-service/target/slipway-proxy.jar bench/proxy/PublishDist.java DIST ENDPOINT BUCKET PROJECT
 */
public class PublishDist {
  public static void main(String[] args) throws Exception {
    Path dist = Path.of(args[0]);
    String bucket = args[2];
    Slug project = Slug.of(args[3]);
    try (S3AsyncClient s3 = S3AsyncClient.builder().endpointOverride(URI.create(args[1])).forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      try {
        s3.createBucket(b -> b.bucket(bucket)).join();
      } catch (RuntimeException alreadyThere) {
        System.out.println("bucket " + bucket + ": " + alreadyThere.getMessage());
      }
      Map<String, FileEntry> files = new TreeMap<>();
      List<Path> paths;
      try (var walk = Files.walk(dist)) {
        paths = walk.filter(Files::isRegularFile).toList();
      }
      boolean brotli = new ProcessBuilder("sh", "-c", "command -v brotli").start().waitFor() == 0;
      for (Path p : paths) {
        String rel = dist.relativize(p).toString().replace('\\', '/');
        byte[] bytes = Files.readAllBytes(p);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String type = ContentTypes.forPath(rel);
        put(s3, bucket, StorageLayout.blob(sha), bytes);
        List<String> stored = new java.util.ArrayList<>();
        if (ContentTypes.isCompressible(type) && bytes.length >= 1024) {
          byte[] gz = gzip(bytes);
          if (gz.length < bytes.length) {
            put(s3, bucket, StorageLayout.blob(sha, StorageLayout.Encoding.GZIP), gz);
            stored.add("gzip");
          }
          if (brotli) {
            Process br = new ProcessBuilder("brotli", "-c", "-q", "11", p.toString()).start();
            byte[] out = br.getInputStream().readAllBytes();
            if (br.waitFor() == 0 && out.length < bytes.length) {
              put(s3, bucket, StorageLayout.blob(sha, StorageLayout.Encoding.BROTLI), out);
              stored.add("br");
            }
          }
        }
        files.put(rel, new FileEntry(sha, bytes.length, type, stored));
        System.out.printf("%-40s %8d %s%n", rel, bytes.length, type);
      }
      DeploymentId id = DeploymentId.newId();
      Instant now = Instant.now();
      boolean spa = files.containsKey("index.html") && !files.containsKey("404.html");
      Manifest manifest = new Manifest(project.value(), id.value(), DeploymentStatus.READY, "bench", "main",
          "0000000000000000000000000000000000000000", "bench", now, now, "vite", spa, null, files);
      put(s3, bucket, StorageLayout.manifest(project, id), Json.documents().toJson(manifest).getBytes("UTF-8"));
      ProjectRecord record = new ProjectRecord(project.value(), "bench", ProjectSettings.defaults(), id.value(), now);
      put(s3, bucket, StorageLayout.project(project), Json.documents().toJson(record).getBytes("UTF-8"));
      System.out.println("live: " + project + " -> " + id + " (" + files.size() + " files, brotli " + brotli + ")");
    }
  }

  static void put(S3AsyncClient s3, String bucket, String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(bytes)).join();
  }

  static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {{ def.setLevel(Deflater.BEST_COMPRESSION); }}) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
