package dev.slipway.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayHome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line's exit codes and error sentences, for failures found before any service is
 * reached.
 */
class CliTest {

    @TempDir Path home;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal =
                new Terminal(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false);
        int exit = Cli.run(args, new CliContext(new SlipwayHome(home), Map.of(), home, terminal));
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listsEveryContractCommandInTheUsage() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "deploy",
                        "logs",
                        "list",
                        "rollback",
                        "cancel",
                        "remove",
                        "up",
                        "down",
                        "doctor");
    }

    private CliContext context() {
        Terminal terminal = new Terminal(System.out, System.err, false);
        return new CliContext(new SlipwayHome(home), Map.of(), home, terminal);
    }

    /** The names {@link Cli#subcommand} knows are the names picocli reads from the commands. */
    @Test
    void everySubcommandIsMadeByItsName() {
        CommandLine whole = Cli.commandLine(context());
        assertThat(whole.getSubcommands().keySet()).containsExactlyElementsOf(Cli.NAMES);
        for (String name : Cli.NAMES) {
            Object made = Cli.subcommand(name, context());
            CommandLine tree = made instanceof CommandLine c ? c : new CommandLine(made);
            assertThat(tree.getCommandName()).isEqualTo(name);
            assertThat(tree.getCommand().getClass())
                    .isEqualTo(whole.getSubcommands().get(name).getCommand().getClass());
        }
    }

    /** A command builds only its own model; help, completion and typos get the whole tree. */
    @Test
    void onlyTheSubcommandThatRunsIsBuilt() {
        assertThat(Cli.onlyNeeded(new String[] {"list"})).isEqualTo("list");
        assertThat(Cli.onlyNeeded(new String[] {"--json", "-v", "logs", "x"})).isEqualTo("logs");
        assertThat(Cli.onlyNeeded(new String[] {"--help", "list"})).isNull();
        assertThat(Cli.onlyNeeded(new String[] {"-V"})).isNull();
        assertThat(Cli.onlyNeeded(new String[] {"help", "list"})).isNull();
        assertThat(Cli.onlyNeeded(new String[] {"completion"})).isNull();
        assertThat(Cli.onlyNeeded(new String[] {"lst"})).isNull();
        assertThat(Cli.onlyNeeded(new String[] {})).isNull();
        assertThat(Cli.commandLine(context(), new String[] {"list"}).getSubcommands())
                .containsOnlyKeys("list");
    }

    @Test
    void theRootsUsageListsEveryCommandWhateverFollowsIt() {
        Run help = run("--help", "list");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("deploy", "rollback", "domains", "aws");
        Run typo = run("rollbak");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean 'rollback'");
        Run sub = run("help", "logs");
        assertThat(sub.exit()).isZero();
        assertThat(sub.out()).contains("Usage: slipway logs");
    }

    @Test
    void badUsageExitsTwoWithAHint() {
        Run r = run("deploy", "--spa", "maybe");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("error:")
                .contains("auto, true or false")
                .contains("slipway deploy --help");
        assertThat(run("frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void aMalformedDeploymentIdIsOneSentenceAndExitTwoWithoutAStackTrace() {
        Run r = run("logs", "not_an_id");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("error: 'not_an_id' is not a deployment id")
                .doesNotContain("\tat ");
        Run debug = run("logs", "not_an_id", "--debug");
        assertThat(debug.err()).contains("\tat ");
    }

    @Test
    void aBrokenConfigFileIsReportedWithItsLineAndExitTwo() throws Exception {
        Files.writeString(home.resolve("config.json"), "{\n  \"mode\": \"cloud\"\n}\n");
        Run r = run("list");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("config.json line 2")
                .contains("\"mode\" must be \"local\" or \"aws\"");
        Run doctor = run("doctor");
        assertThat(doctor.exit()).isEqualTo(1);
        assertThat(doctor.out()).startsWith("FAIL config: ");
    }

    @Test
    void awsModeWithoutABucketSaysWhichSettingToSet() throws Exception {
        Files.writeString(
                home.resolve("config.json"),
                "{\"mode\":\"aws\",\"aws\":{\"redisUrl\":\"redis://127.0.0.1:1\"}}");
        Run r = run("deploy", "https://github.com/o/r");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("\"aws.bucket\"");
    }

    @Test
    void unreachableRedisInAwsModeExitsThree() throws Exception {
        Files.writeString(
                home.resolve("config.json"),
                "{\"mode\":\"aws\",\"aws\":{\"bucket\":\"b\",\"redisUrl\":\"redis://127.0.0.1:1\"}}");
        Run r = run("logs", "01JD3Y7M2Q8ZK4T6V9W0XBCDEF");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.err())
                .contains("Redis at 127.0.0.1:1 does not answer")
                .contains("aws.redisUrl");
    }

    @Test
    void aTypoedCommandOrOptionGetsDidYouMean() {
        Run command = run("deplyo");
        assertThat(command.exit()).isEqualTo(2);
        assertThat(command.err())
                .startsWith("error: 'deplyo' is not a slipway command; did you mean 'deploy'?");

        Run option = run("deploy", "--slgu", "x");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.err())
                .startsWith("error: '--slgu' is not an option of 'slipway deploy'; did you mean")
                .contains("'--slug'");
    }

    @Test
    void anEnvWithoutEqualsSignIsOneSentenceWithAnExample() {
        Run r = run("deploy", "--env", "X", "https://github.com/o/r");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith(
                        "error: --env takes NAME=VALUE, such as --env API_URL=https://api.example.com;"
                                + " 'X' has no '='.")
                .doesNotContain("option option");
    }

    @Test
    void aBadSpaValueNamesTheChoicesWithoutAnExceptionName() {
        Run r = run("deploy", "--spa", "maybe", "https://github.com/o/r");
        assertThat(r.err())
                .contains("SPA mode 'maybe' is not one of auto, true or false")
                .doesNotContain("Exception");
    }

    @Test
    void gitTokenAsABuildVariableIsRefusedBeforeAnythingStarts() {
        Run r = run("deploy", "https://github.com/o/r", "--env", "GIT_TOKEN=secret-value");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("error: --env GIT_TOKEN would hand the token to the build")
                .contains("--secret-env GIT_TOKEN=")
                .doesNotContain("secret-value");
        assertThat(home.resolve("stack.json")).doesNotExist();
    }

    @Test
    void completionScriptsListEveryRegisteredSubcommand() {
        for (String shell : java.util.List.of("bash", "zsh", "fish")) {
            Run r = run("completion", shell);
            assertThat(r.exit()).as(shell + r.err()).isZero();
            assertThat(r.out())
                    .as(shell)
                    .contains("deploy", "promote", "domains", "env", "link", "unlink", "completion")
                    .contains(shell.equals("fish") ? "-l preview" : "--preview");
        }
        assertThat(run("completion", "powershell").exit()).isEqualTo(2);
    }

    @Test
    void helpNamesACommandsOptions() {
        Run r = run("help", "deploy");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--preview", "--env", "--json");
    }

    @Test
    void removeRefusesToPromptWithoutATerminal() {
        Run r = run("remove", "demo");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--yes");
    }

    @Test
    void jsonIsAcceptedBeforeOrAfterTheCommand() {
        Run before = run("--json", "unlink");
        Run after = run("unlink", "--json");
        assertThat(before.exit()).isZero();
        assertThat(after.out()).isEqualTo(before.out()).contains("\"unlinked\":false");
        assertThat(com.google.gson.JsonParser.parseString(after.out()).isJsonObject()).isTrue();
    }

    @Test
    void noColorStripsEveryEscapeIncludingCharsetDesignations() {
        Terminal t = new Terminal(System.out, System.err, true, true);
        assertThat(t.show("\u001B[32mok\u001B[0m")).contains("\u001B[");
        t.disableColor();
        assertThat(t.show("\u001B(B\u001B[32mok\u001B[0m\u001B)0")).isEqualTo("ok");
    }
}
