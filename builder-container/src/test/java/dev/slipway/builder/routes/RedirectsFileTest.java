package dev.slipway.builder.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.routes.Routes.Redirect;
import org.junit.jupiter.api.Test;

class RedirectsFileTest {

    @Test
    void parsesEveryNetlifyForm() {
        RedirectsFile.Parsed parsed =
                RedirectsFile.parse(
                        """
                        # a comment, then a blank line

                        /old                /new
                        /home               /            302
                        /blog/*             /posts/:splat 301!
                        /users/:id/profile  /u/:id       307
                        /app/*              /index.html  200
                        /secret/*           /404.html    404!
                        /docs               https://docs.example.com/:8080 308  # trailing comment
                        """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rules())
                .containsExactly(
                        new Redirect("/old", "/new", 301, false),
                        new Redirect("/home", "/", 302, false),
                        new Redirect("/blog/*", "/posts/:splat", 301, true),
                        new Redirect("/users/:id/profile", "/u/:id", 307, false),
                        new Redirect("/app/*", "/index.html", 200, false),
                        new Redirect("/secret/*", "/404.html", 404, true),
                        new Redirect("/docs", "https://docs.example.com/:8080", 308, false));
    }

    @Test
    void reportsBadLinesWithTheirNumberAndKeepsTheRest() {
        RedirectsFile.Parsed parsed =
                RedirectsFile.parse(
                        """
                        /a /b
                        /only-a-source
                        /c /d 30x
                        /e /f 410
                        /g/* /h/:name
                        /i /j 301 extra
                        /k(.*) /l
                        /m /n
                        """);

        assertThat(parsed.rules()).extracting(Redirect::from).containsExactly("/a", "/m");
        assertThat(parsed.problems())
                .extracting(RuleProblem::line)
                .containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(parsed.problems()).noneMatch(RuleProblem::fatal);
        assertThat(parsed.problems().get(1).toString()).startsWith("_redirects:3: ");
    }

    @Test
    void skipsQueryCountryAndLanguageConditionsButFailsOnRoles() {
        RedirectsFile.Parsed parsed =
                RedirectsFile.parse(
                        """
                        /store id=:id /blog/:id 301
                        /  /fr/  302  Language=fr
                        /  /us/  302  Country=us
                        /admin/*  /admin/:splat  200!  Role=admin
                        """);

        assertThat(parsed.rules()).isEmpty();
        assertThat(parsed.problems())
                .extracting(RuleProblem::line, RuleProblem::fatal)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, false),
                        org.assertj.core.groups.Tuple.tuple(2, false),
                        org.assertj.core.groups.Tuple.tuple(3, false),
                        org.assertj.core.groups.Tuple.tuple(4, true));
    }

    @Test
    void refusesRewritesToOtherSitesAndRulesByHost() {
        RedirectsFile.Parsed parsed =
                RedirectsFile.parse(
                        """
                        /api/*  https://api.example.com/:splat  200
                        https://old.example.com/*  https://new.example.com/:splat  301!
                        """);

        assertThat(parsed.rules()).isEmpty();
        assertThat(parsed.problems()).extracting(RuleProblem::line).containsExactly(1, 2);
    }
}
