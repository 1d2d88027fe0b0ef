package dev.slipway.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "demo", "my-site", "a1-b2-c3", "x-y"})
    void acceptsValidSlugs(String raw) {
        assertThat(Slug.of(raw).value()).isEqualTo(raw);
        assertThat(Slug.problem(raw)).isEmpty();
    }

    @Test
    void acceptsFiftyCharactersButNotFiftyOne() {
        assertThat(Slug.isValid("a".repeat(50))).isTrue();
        assertThat(Slug.problem("a".repeat(51))).get().asString().contains("at most 50");
    }

    @Test
    void refusesDoubleDashBecauseDeploymentHostsUseIt() {
        assertThat(Slug.problem("x--y")).get().asString().contains("'--'").contains("try 'x-y'");
        assertThat(Slug.fromName("x--y").value()).isEqualTo("x-y");
    }

    @Test
    void explainsInvalidCharactersAndSuggestsAFix() {
        assertThatThrownBy(() -> Slug.of("My_Site"))
                .isInstanceOf(InvalidSlugException.class)
                .hasMessageContaining("use lower-case letters, digits and '-'")
                .hasMessageContaining("try 'my-site'");
    }

    @Test
    void explainsLeadingAndTrailingDashes() {
        assertThat(Slug.problem("-demo"))
                .get()
                .asString()
                .contains("start and end with a letter or digit");
        assertThat(Slug.problem("demo-")).get().asString().contains("try 'demo'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"www", "api", "admin", "app", "slipway", "localhost"})
    void refusesReservedNames(String reserved) {
        assertThat(Slug.problem(reserved)).get().asString().contains("reserved");
    }

    @Test
    void asksForANameWhenEmpty() {
        assertThat(Slug.problem("")).get().asString().startsWith("Enter a project name");
        assertThat(Slug.problem(null)).isPresent();
        assertThat(Slug.problem("   ")).isPresent();
    }

    @ParameterizedTest
    @CsvSource({
        "https://github.com/o/My_Site.git, my-site",
        "https://github.com/o/demo, demo",
        "https://github.com/o/demo/, demo",
        "https://gitlab.example.com/group/sub/Blog.Engine.git, blog-engine",
        "git@github.com:o/hello-world.git, hello-world",
        "/home/me/projects/Portfolio 2026, portfolio-2026",
        "file:///tmp/repos/site.git, site",
        "https://github.com/o/www, www-site",
        "https://github.com/o/___.git, site",
        "https://github.com/o/--a--b--, a-b"
    })
    void makesASlugFromARepositoryUrl(String url, String expected) {
        assertThat(Slug.fromRepositoryUrl(url).value()).isEqualTo(expected);
    }

    @Test
    void derivedSlugsAreAlwaysValidAndShortEnough() {
        Slug slug = Slug.fromRepositoryUrl("https://github.com/o/" + "Long-Name".repeat(20));
        assertThat(slug.value()).hasSizeLessThanOrEqualTo(50);
        assertThat(Slug.isValid(slug.value())).isTrue();
    }

    @Test
    void randomSuffixKeepsTheSlugValid() {
        Slug base = Slug.of("a".repeat(50));
        Slug suffixed = base.withRandomSuffix(new Random(1));
        assertThat(suffixed.value()).hasSize(50).matches("a{45}-[a-z0-9]{4}");
        assertThat(Slug.isValid(suffixed.value())).isTrue();
        assertThat(Slug.of("demo").withRandomSuffix(new Random(2)).value())
                .matches("demo-[a-z0-9]{4}");
    }

    @Test
    void equalityIsByValue() {
        assertThat(Slug.of("demo")).isEqualTo(Slug.of("demo")).hasSameHashCodeAs(Slug.of("demo"));
        assertThat(Slug.of("demo")).isNotEqualTo(Slug.of("demo2"));
    }
}
