package dev.slipway.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.core.json.Json;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.SpaMode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {

    private static final String CONTRACT_MANIFEST =
            """
      {"project":"demo","deploymentId":"01JD3Y7M2Q8ZK4T6V9W0XBCDEF","status":"READY","repoUrl":"https://github.com/o/r",
       "ref":"main","commit":"3b18e512dba79e4c8300dd08aeb37f8e728b8dad","createdAt":"2026-11-27T20:30:00Z","finishedAt":"2026-11-27T20:31:02Z",
       "framework":"vite","spa":true,"error":null,"futureField":42,
       "files":{"index.html":{"sha256":"aa","size":459,"contentType":"text/html; charset=utf-8"},
                "assets/index-DsBhw8EC.js":{"sha256":"bb","size":224649,"contentType":"text/javascript; charset=utf-8"}}}
      """;

    @Test
    void readsTheContractsExampleIncludingUnknownFields() {
        Manifest m = Json.documents().fromJson(CONTRACT_MANIFEST, Manifest.class);
        assertThat(m.project()).isEqualTo("demo");
        assertThat(m.id()).isEqualTo(DeploymentId.of("01JD3Y7M2Q8ZK4T6V9W0XBCDEF"));
        assertThat(m.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(m.isReady()).isTrue();
        assertThat(m.isSpa()).isTrue();
        assertThat(m.createdAt()).isEqualTo(Instant.parse("2026-11-27T20:30:00Z"));
        assertThat(m.files()).containsOnlyKeys("index.html", "assets/index-DsBhw8EC.js");
        assertThat(m.files().get("assets/index-DsBhw8EC.js"))
                .extracting(FileEntry::size)
                .isEqualTo(224649L);
        assertThat(m.totalBytes()).isEqualTo(459 + 224649);
    }

    @Test
    void writesExactlyTheContractsFieldNames() {
        Manifest m =
                new Manifest(
                        "demo",
                        "01JD3Y7M2Q8ZK4T6V9W0XBCDEF",
                        DeploymentStatus.FAILED,
                        "https://github.com/o/r",
                        "main",
                        "3b18e512",
                        null,
                        Instant.parse("2026-11-27T20:30:00Z"),
                        Instant.parse("2026-11-27T20:30:09Z"),
                        null,
                        false,
                        "npm run build exited with 1",
                        Map.of("index.html", new FileEntry("aa", 3, "text/html; charset=utf-8")));
        JsonObject json = JsonParser.parseString(Json.documents().toJson(m)).getAsJsonObject();
        assertThat(json.keySet())
                .contains(
                        "project",
                        "deploymentId",
                        "status",
                        "repoUrl",
                        "ref",
                        "commit",
                        "createdAt",
                        "finishedAt",
                        "framework",
                        "spa",
                        "error",
                        "files",
                        "preview",
                        "basePath",
                        "routes");
        assertThat(json.get("status").getAsString()).isEqualTo("FAILED");
        assertThat(json.get("createdAt").getAsString()).isEqualTo("2026-11-27T20:30:00Z");
        assertThat(json.get("framework").isJsonNull()).isTrue();
        JsonObject file = json.getAsJsonObject("files").getAsJsonObject("index.html");
        assertThat(file.keySet())
                .containsExactlyInAnyOrder("sha256", "size", "contentType", "encodings");
        assertThat(Json.documents().fromJson(json, Manifest.class)).isEqualTo(m);
    }

    @Test
    void filesAreSortedSoTheSameFilesGiveTheSameJson() {
        Manifest m =
                new Manifest(
                        "demo",
                        "01JD3Y7M2Q8ZK4T6V9W0XBCDEF",
                        DeploymentStatus.READY,
                        null,
                        null,
                        null,
                        null,
                        Instant.EPOCH,
                        null,
                        null,
                        null,
                        null,
                        Map.of(
                                "z.txt",
                                new FileEntry("a", 1, "t"),
                                "a.txt",
                                new FileEntry("b", 1, "t"),
                                "m/x.txt",
                                new FileEntry("c", 1, "t")));
        assertThat(m.files().keySet()).containsExactly("a.txt", "m/x.txt", "z.txt");
    }

    @Test
    void projectRecordRoundTripsWithTheContractsNames() {
        String contract =
                """
        {"project":"demo","repoUrl":"https://github.com/o/r","settings":{"ref":"main","rootDirectory":null,
         "installCommand":null,"buildCommand":null,"outputDirectory":null,"spa":"auto"},
         "liveDeploymentId":"01JD3Y7M2Q8ZK4T6V9W0XBCDEF","updatedAt":"2026-11-27T20:31:02Z"}
        """;
        // A record without saved variables reads with none, and is written with empty ones.
        String written =
                contract.replace(
                        "\"spa\":\"auto\"}", "\"spa\":\"auto\",\"env\":{},\"secretEnv\":[]}");
        ProjectRecord r = Json.documents().fromJson(contract, ProjectRecord.class);
        assertThat(r.settings().spa()).isEqualTo(SpaMode.AUTO);
        assertThat(r.settings().ref()).isEqualTo("main");
        assertThat(r.live()).contains(DeploymentId.of("01JD3Y7M2Q8ZK4T6V9W0XBCDEF"));
        JsonObject back = JsonParser.parseString(Json.documents().toJson(r)).getAsJsonObject();
        assertThat(back).isEqualTo(JsonParser.parseString(written));
    }

    @Test
    void spaModeIsWrittenInLowerCase() {
        ProjectSettings s = new ProjectSettings(null, "web", null, null, "dist", SpaMode.FALSE);
        assertThat(Json.documents().toJson(s))
                .contains("\"spa\":\"false\"")
                .contains("\"rootDirectory\":\"web\"");
    }

    @Test
    void comparesRepositoriesIgnoringCredentialsCaseAndDotGit() {
        ProjectRecord r = new ProjectRecord("demo", "https://github.com/o/r", null, null, null);
        assertThat(r.isSameRepository("https://GitHub.com/o/r.git")).isTrue();
        assertThat(r.isSameRepository("https://x-access-token:abc@github.com/o/r/")).isTrue();
        assertThat(r.isSameRepository("https://github.com/o/other")).isFalse();
        assertThat(r.isSameRepository("https://github.com/O/r")).isFalse();
    }
}
