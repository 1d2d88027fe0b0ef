package dev.slipway.builder.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.project.SpaMode;
import dev.slipway.core.routes.Routes.Header;
import dev.slipway.core.routes.Routes.HeaderRule;
import dev.slipway.core.routes.Routes.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlipwayJsonTest {

    @Test
    void readsEverySetting() {
        SlipwayJson json =
                SlipwayJson.parse(
                        "slipway.json",
                        """
                        {
                          "$schema": "./docs/slipway.schema.json",
                          "installCommand": "npm ci",
                          "buildCommand": "node build.js",
                          "outputDirectory": "./site/",
                          "spa": false,
                          "cleanUrls": true,
                          "trailingSlash": false,
                          "redirects": [
                            {"source": "/old", "destination": "/new"},
                            {"source": "/tmp/:id", "destination": "/t/:id", "permanent": false},
                            {"source": "/blog/*", "destination": "https://blog.example.com/:splat", "status": 301, "force": false}
                          ],
                          "rewrites": [
                            {"source": "/app/*", "destination": "/app/index.html"},
                            {"source": "/gone", "destination": "/404.html", "status": 404, "force": true}
                          ],
                          "headers": [
                            {"source": "/*", "headers": [{"key": "X-Frame-Options", "value": "DENY"}]}
                          ]
                        }
                        """);

        assertThat(json.redirects())
                .containsExactly(
                        new Redirect("/old", "/new", 308, true),
                        new Redirect("/tmp/:id", "/t/:id", 307, true),
                        new Redirect("/blog/*", "https://blog.example.com/:splat", 301, false),
                        new Redirect("/app/*", "/app/index.html", 200, false),
                        new Redirect("/gone", "/404.html", 404, true));
        assertThat(json.headers())
                .containsExactly(
                        new HeaderRule("/*", List.of(new Header("X-Frame-Options", "DENY"))));
        assertThat(json.cleanUrls()).isTrue();
        assertThat(json.trailingSlash()).isFalse();
        SlipwayJson.Settings noExplicit =
                json.settings(
                        TestConfigs.config(null, null, null, null, SpaMode.AUTO),
                        TestConfigs.quietLog());
        assertThat(noExplicit)
                .isEqualTo(
                        new SlipwayJson.Settings(
                                null, "npm ci", "node build.js", "site", SpaMode.FALSE));
    }

    @Test
    void explicitSettingsWinOverTheFile() {
        SlipwayJson json =
                SlipwayJson.parse(
                        "slipway.json",
                        "{\"buildCommand\": \"node a.js\", \"outputDirectory\": \"a\", \"spa\": \"true\"}");

        SlipwayJson.Settings settings =
                json.settings(
                        TestConfigs.config(null, "npm ci", "node b.js", null, SpaMode.FALSE),
                        TestConfigs.quietLog());

        assertThat(settings)
                .isEqualTo(
                        new SlipwayJson.Settings(null, "npm ci", "node b.js", "a", SpaMode.FALSE));
    }

    @Test
    void failsAsBadInputNamingEveryMistake() {
        assertThatThrownBy(
                        () ->
                                SlipwayJson.parse(
                                        "slipway.json",
                                        """
                                        {"buildComand": "x", "outputDirectory": "../up",
                                         "redirects": [{"source": "/(.*)", "destination": "/x"}],
                                         "headers": [{"source": "/*", "headers": [{"key": "Content-Length", "value": "1"}]}]}
                                        """))
                .isInstanceOfSatisfying(
                        Failure.class,
                        f -> {
                            assertThat(f.kind()).isEqualTo(ExitStatus.BAD_INPUT);
                            assertThat(f.getMessage())
                                    .contains(
                                            "buildComand",
                                            "outputDirectory",
                                            "/(.*)",
                                            "Content-Length");
                        });
        assertThatThrownBy(() -> SlipwayJson.parse("slipway.json", "{\"spa\": tru"))
                .isInstanceOfSatisfying(
                        Failure.class, f -> assertThat(f.kind()).isEqualTo(ExitStatus.BAD_INPUT));
    }

    @Test
    void schemaFileAndDocsExampleAgreeWithTheParser() throws Exception {
        Path docs = Path.of("..", "docs");
        var schema = JsonParser.parseString(Files.readString(docs.resolve("slipway.schema.json")));
        assertThat(schema.getAsJsonObject().getAsJsonObject("properties").keySet())
                .containsExactlyInAnyOrderElementsOf(SlipwayJson.KEYS);

        String page = Files.readString(docs.resolve("slipway-json.md"));
        int start = page.indexOf("```json\n") + "```json\n".length();
        String example = page.substring(start, page.indexOf("```", start));
        SlipwayJson parsed = SlipwayJson.parse("slipway.json", example);
        assertThat(parsed.redirects()).hasSize(5);
        assertThat(parsed.headers()).hasSize(1);
    }
}
