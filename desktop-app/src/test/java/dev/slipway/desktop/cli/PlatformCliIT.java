package dev.slipway.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.desktop.SlipwayJar;
import dev.slipway.desktop.backend.Backends;
import dev.slipway.desktop.stack.StackFile;
import dev.slipway.testing.FreePorts;
import dev.slipway.testing.GitFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 17 and issue 11 item 6 end to end in local mode, through the packaged jar: previews and
 * promote, deployment URLs, saved variables and secrets, folders without Git and dirty trees,
 * linking, domains, and {@code --json} on every command.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformCliIT {

    private static final Path BUILDER_JAR =
            Path.of("../builder-container/target/slipway-builder.jar").toAbsolutePath().normalize();
    private static final String SECRET = "s3cr3t-token-value-42";

    @TempDir static Path home;
    @TempDir static Path work;

    private static int proxyPort;
    private static SlipwayJar slipway;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String previewId;

    @BeforeAll
    static void configure() throws Exception {
        proxyPort = FreePorts.next();
        Files.writeString(
                home.resolve("config.json"),
                "{\"mode\":\"local\",\"proxyPort\":" + proxyPort + "}");
        slipway = new SlipwayJar(home, Map.of("SLIPWAY_BUILDER_JAR", BUILDER_JAR.toString()));
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        slipway.run("down");
    }

    static HttpResponse<String> get(String host, String path) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + path))
                        .header("Host", host + ".localhost:" + proxyPort)
                        .timeout(Duration.ofSeconds(10))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(SlipwayJar.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return JsonParser.parseString(r.stdout()).getAsJsonObject();
    }

    static JsonArray jsonArray(SlipwayJar.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return JsonParser.parseString(r.stdout()).getAsJsonArray();
    }

    static JsonObject deployment(JsonArray list, String id) {
        for (JsonElement e : list) {
            if (e.getAsJsonObject().get("deploymentId").getAsString().equals(id)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError(id + " not in " + list);
    }

    private static List<String> bucketKeys(S3Client s3) {
        return s3.listObjectsV2Paginator(b -> b.bucket(StackFile.LOCAL_BUCKET)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static S3Client bucket() {
        return Backends.localS3(StackFile.read(home.resolve("stack.json")).orElseThrow());
    }

    @Test
    @Order(1)
    void aPreviewIsPublishedAtItsOwnUrlButStaysUnlistedUntilPromoted() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        work.resolve("previewed"), Map.of("index.html", "<h1>v1</h1>"));
        SlipwayJar.Result first = slipway.run("deploy", repo.url(), "--slug", "previewed");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.stdout())
                .containsPattern(
                        "Deployment URL: http://previewed--[0-9a-z]{10}\\.localhost:"
                                + proxyPort
                                + "/");

        repo.commit("v2", Map.of("index.html", "<h1>v2</h1>"));
        JsonObject preview =
                json(slipway.run("deploy", "--slug", "previewed", "--preview", "--json"));
        assertThat(preview.get("status").getAsString()).isEqualTo("READY");
        assertThat(preview.get("preview").getAsBoolean()).isTrue();
        assertThat(preview.get("url").isJsonNull()).isTrue();
        previewId = preview.get("deploymentId").getAsString();
        String id10 = previewId.substring(16).toLowerCase(java.util.Locale.ROOT);
        assertThat(preview.get("deploymentUrl").getAsString())
                .isEqualTo("http://previewed--" + id10 + ".localhost:" + proxyPort + "/");

        assertThat(get("previewed", "/").body()).contains("v1");
        JsonObject listed =
                deployment(jsonArray(slipway.run("list", "previewed", "--json")), previewId);
        assertThat(listed.get("preview").getAsBoolean()).isTrue();
        assertThat(listed.get("live").getAsBoolean()).isFalse();
        assertThat(listed.get("url").getAsString()).contains("previewed--" + id10);
        SlipwayJar.Result table = slipway.run("list", "previewed");
        assertThat(table.stdout()).contains("READY preview").contains("previewed--" + id10);

        JsonObject promoted = json(slipway.run("promote", "previewed", previewId, "--json"));
        assertThat(promoted.get("liveDeploymentId").getAsString()).isEqualTo(previewId);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(get("previewed", "/").body()).contains("v2"));
        assertThat(
                        deployment(jsonArray(slipway.run("list", "previewed", "--json")), previewId)
                                .get("live")
                                .getAsBoolean())
                .isTrue();

        SlipwayJar.Result failed =
                slipway.run("promote", "previewed", "01JD3Y7M2Q8ZK4T6V9W0XBCDEF");
        assertThat(failed.exit()).isEqualTo(2);
        assertThat(failed.stderr()).contains("slipway list previewed");
    }

    /** Needs the proxy's serving of deployment hosts (the proxy branch of this round). */
    @Test
    @Order(2)
    void aDeploymentUrlKeepsServingItsDeploymentAfterNewerDeploys() throws Exception {
        String id10 = previewId.substring(16).toLowerCase(java.util.Locale.ROOT);
        assertThat(slipway.run("deploy", "--slug", "previewed").exit()).isZero();
        HttpResponse<String> page = get("previewed--" + id10, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("v2");
    }

    @Test
    @Order(3)
    void savedVariablesAndSecretsReachEveryLaterDeployAndSecretsAreNeverShown() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        work.resolve("vars"),
                        Map.of(
                                "package.json",
                                "{\"name\":\"vars\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"}}",
                                "build.js",
                                "const fs = require('fs'); fs.mkdirSync('dist', {recursive: true});"
                                        + " console.log('token is ' + process.env.API_TOKEN);"
                                        + " fs.writeFileSync('dist/index.html', 'api=' + process.env.API_URL"
                                        + " + ' extra=' + process.env.EXTRA + ' token-length=' + (process.env.API_TOKEN || '').length);"));
        SlipwayJar.Result first =
                slipway.run("deploy", repo.url(), "--slug", "vars", "--env", "EXTRA=one");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(get("vars", "/").body()).contains("extra=one");

        assertThat(slipway.run("env", "add", "vars", "API_URL=https://api.example.com").exit())
                .isZero();
        SlipwayJar.Result secret =
                slipway.run("env", "add", "vars", "API_TOKEN=" + SECRET, "--secret");
        assertThat(secret.exit()).as(secret.toString()).isZero();
        assertThat(secret.stdout() + secret.stderr()).doesNotContain(SECRET);
        Path secretsFile = home.resolve("secrets/vars.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretsFile)))
                .isEqualTo("rw-------");

        JsonArray vars = jsonArray(slipway.run("env", "ls", "vars", "--json"));
        assertThat(vars.toString())
                .contains("{\"name\":\"API_TOKEN\",\"value\":null,\"secret\":true}")
                .contains("\"name\":\"API_URL\",\"value\":\"https://api.example.com\"")
                .contains("\"name\":\"EXTRA\",\"value\":\"one\"")
                .doesNotContain(SECRET);
        assertThat(slipway.run("env", "ls", "vars").stdout()).doesNotContain(SECRET);

        SlipwayJar.Result redeploy = slipway.run("deploy", "--slug", "vars");
        assertThat(redeploy.exit()).as(redeploy.toString()).isZero();
        assertThat(redeploy.stdout()).contains("token is ***").doesNotContain(SECRET);
        assertThat(get("vars", "/").body())
                .contains("api=https://api.example.com")
                .contains("extra=one")
                .contains("token-length=" + SECRET.length());
        String id = redeploy.stdout().lines().findFirst().orElseThrow().split(" ")[1];
        assertThat(home.resolve("builds/" + id + ".secrets.json")).doesNotExist();
        try (S3Client s3 = bucket()) {
            for (String key : bucketKeys(s3)) {
                if (key.startsWith("blobs/")) {
                    continue;
                }
                String text =
                        s3.getObjectAsBytes(b -> b.bucket(StackFile.LOCAL_BUCKET).key(key))
                                .asUtf8String();
                assertThat(text).as(key).doesNotContain(SECRET);
            }
        }
        assertThat(slipway.run("logs", id).stdout()).doesNotContain(SECRET);

        assertThat(slipway.run("env", "rm", "vars", "API_TOKEN").exit()).isZero();
        assertThat(jsonArray(slipway.run("env", "ls", "vars", "--json")).toString())
                .doesNotContain("API_TOKEN");
        assertThat(Files.readString(secretsFile)).doesNotContain(SECRET);
        SlipwayJar.Result missing = slipway.run("env", "rm", "vars", "NOPE");
        assertThat(missing.exit()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void aPlainFolderDeploysWhatIsOnDiskRespectingGitignoreAndLinksTheFolder() throws Exception {
        Path site = work.resolve("plain-site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<h1>plain folder</h1>");
        Files.writeString(site.resolve("draft.html"), "<p>draft</p>");
        Files.writeString(site.resolve(".gitignore"), "draft.html\n");

        SlipwayJar.Result deploy = slipway.run("deploy", site.toString());
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        assertThat(get("plain-site", "/").body()).contains("plain folder");
        assertThat(get("plain-site", "/draft.html").statusCode()).isEqualTo(404);
        assertThat(site.resolve(".slipway/project.json")).content().contains("\"plain-site\"");

        Files.writeString(site.resolve("index.html"), "<h1>plain folder, again</h1>");
        SlipwayJar.Result again = slipway.runIn(site, "deploy");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.stdout()).contains("of plain-site ");
        assertThat(get("plain-site", "/").body()).contains("again");
        SlipwayJar.Result dot = slipway.runIn(site, "deploy", ".", "--no-follow", "--json");
        assertThat(json(dot).get("project").getAsString()).isEqualTo("plain-site");
        await().atMost(Duration.ofSeconds(120))
                .until(
                        () ->
                                slipway.run("logs", "plain-site", "--json")
                                        .stdout()
                                        .contains("\"status\":\"READY\""));
        for (String line : slipway.run("logs", "plain-site", "--json").stdout().lines().toList()) {
            assertThat(JsonParser.parseString(line).getAsJsonObject().has("seq")).isTrue();
        }

        assertThat(json(slipway.runIn(site, "link", "--json")).get("project").getAsString())
                .isEqualTo("plain-site");
        assertThat(json(slipway.runIn(site, "unlink", "--json")).get("unlinked").getAsBoolean())
                .isTrue();
        assertThat(site.resolve(".slipway")).doesNotExist();
        SlipwayJar.Result unlinked = slipway.runIn(site, "deploy");
        assertThat(unlinked.exit()).isEqualTo(2);
        assertThat(slipway.runIn(site, "link", "plain-site").exit()).isZero();
        assertThat(slipway.runIn(site, "link", "no-such-project").exit()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void aDirtyTreeDeploysWhatIsOnDiskWithAWarningNamingTheChangedFiles() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        work.resolve("dirty"), Map.of("index.html", "<h1>committed</h1>"));
        Files.writeString(repo.path().resolve("index.html"), "<h1>on disk</h1>");
        Files.writeString(repo.path().resolve("new.html"), "<p>new</p>");
        SlipwayJar.Result deploy = slipway.run("deploy", repo.path().toString());
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        assertThat(deploy.stderr())
                .contains("warning: deploying the folder as it is on disk")
                .contains("index.html")
                .contains("new.html");
        assertThat(get("dirty", "/").body()).contains("on disk");
        assertThat(get("dirty", "/new.html").body()).contains("new");
    }

    @Test
    @Order(6)
    void domainsAreWrittenListedAndRemoved() throws Exception {
        JsonObject added =
                json(slipway.run("domains", "add", "previewed", "WWW.Example.com.", "--json"));
        assertThat(added.get("host").getAsString()).isEqualTo("www.example.com");
        try (S3Client s3 = bucket()) {
            assertThat(
                            s3.getObjectAsBytes(
                                            b ->
                                                    b.bucket(StackFile.LOCAL_BUCKET)
                                                            .key("domains/www.example.com.json"))
                                    .asUtf8String())
                    .isEqualTo("{\"host\":\"www.example.com\",\"project\":\"previewed\"}");
        }
        assertThat(jsonArray(slipway.run("domains", "ls", "previewed", "--json")).toString())
                .isEqualTo("[{\"host\":\"www.example.com\",\"project\":\"previewed\"}]");
        SlipwayJar.Result taken = slipway.run("domains", "add", "vars", "www.example.com");
        assertThat(taken.exit()).isEqualTo(2);
        assertThat(taken.stderr()).contains("belongs to project 'previewed'");
        assertThat(slipway.run("domains", "add", "vars", "vars.localhost").exit()).isEqualTo(2);
        assertThat(slipway.run("domains", "add", "vars", "http://x/y").exit()).isEqualTo(2);
        assertThat(slipway.run("domains", "rm", "previewed", "www.example.com").exit()).isZero();
        assertThat(jsonArray(slipway.run("domains", "ls", "previewed", "--json"))).isEmpty();
    }

    @Test
    @Order(7)
    void everyCommandPrintsParseableJson() throws Exception {
        jsonArray(slipway.run("list", "--json"));
        jsonArray(slipway.run("list", "vars", "--json"));
        json(slipway.run("rollback", "previewed", "--json"));
        SlipwayJar.Result doctor = slipway.run("doctor", "--json");
        assertThat(JsonParser.parseString(doctor.stdout()).isJsonArray())
                .as(doctor.toString())
                .isTrue();
        json(slipway.run("up", "--json"));
        JsonObject removed = json(slipway.run("remove", "dirty", "--yes", "--json"));
        assertThat(removed.get("deployments").getAsInt()).isEqualTo(1);
        SlipwayJar.Result refused = slipway.run("remove", "vars");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.stderr()).contains("--yes");
    }

    @Test
    @Order(8)
    void theExampleSessionOfDocsCliMdReplays() throws Exception {
        Path doc = Path.of("../docs/cli.md").toAbsolutePath().normalize();
        String text = Files.readString(doc);
        Matcher block =
                Pattern.compile("(?s)<!-- replayed by PlatformCliIT -->\\s*```sh\\n(.*?)```")
                        .matcher(text);
        assertThat(block.find()).as("the example session in " + doc).isTrue();
        Path folder = work.resolve("my-site");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("index.html"), "<h1>my site</h1>");
        int commands = 0;
        for (String line : block.group(1).lines().toList()) {
            if (!line.startsWith("$ slipway ")) {
                continue;
            }
            String[] args = line.substring("$ slipway ".length()).trim().split("\\s+");
            SlipwayJar.Result r = slipway.runIn(work, args);
            assertThat(r.exit()).as(() -> line + "\n" + r + slipway.logTails(40)).isZero();
            commands++;
        }
        assertThat(commands).isGreaterThan(5);
        assertThat(get("my-site", "/").body()).contains("my site");
    }
}
