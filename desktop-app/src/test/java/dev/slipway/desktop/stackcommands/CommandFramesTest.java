package dev.slipway.desktop.stackcommands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandFramesTest {

    @Test
    void onlyADeployWithoutHelpOrDebugRunsInTheStack() {
        assertThat(CommandFrames.runsInStack(List.of("deploy", "."))).isTrue();
        assertThat(CommandFrames.runsInStack(List.of("--json", "-v", "deploy", "--slug", "a")))
                .isTrue();
        assertThat(CommandFrames.runsInStack(List.of("deploy", "--help"))).isFalse();
        assertThat(CommandFrames.runsInStack(List.of("--debug", "deploy", "."))).isFalse();
        assertThat(CommandFrames.runsInStack(List.of("list"))).isFalse();
        assertThat(CommandFrames.runsInStack(List.of("down"))).isFalse();
        assertThat(CommandFrames.runsInStack(List.of("logs", "deploy"))).isFalse();
        assertThat(CommandFrames.runsInStack(List.of())).isFalse();
    }

    @Test
    void aRequestReadsBackAsItWasWrittenWithUnicodeAndEmptyValues() throws IOException {
        var request =
                new CommandFrames.Request(
                        42,
                        true,
                        Path.of("/home/zoë/site"),
                        List.of("deploy", ".", "--env", "GREETING=héllo wörld"),
                        Map.of("PATH", "/usr/bin", "EMPTY", "", "LANG", "C.UTF-8"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        request.write(new DataOutputStream(bytes));

        var read =
                CommandFrames.Request.read(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read).isEqualTo(request);
    }

    @Test
    void bytesThatAreNotARequestOfThisVersionAreRefused() {
        byte[] other = {0, 0, 0, 1, 0, 0, 0, 1};
        assertThatThrownBy(
                        () ->
                                CommandFrames.Request.read(
                                        new DataInputStream(new ByteArrayInputStream(other))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 1");
    }

    @Test
    void aSocketPathTooLongForAUnixAddressIsNotUsed() {
        assertThat(CommandFrames.fits(Path.of("/tmp/slipway/stack.sock"))).isTrue();
        assertThat(CommandFrames.fits(Path.of("/tmp/" + "x".repeat(100) + "/stack.sock")))
                .isFalse();
    }
}
