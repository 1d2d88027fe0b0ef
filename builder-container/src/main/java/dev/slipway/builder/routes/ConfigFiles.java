package dev.slipway.builder.routes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a small configuration file of the repository or the output safely: a link is followed only
 * when it stays inside {@code root} (so a link to a file of the build machine can never be read and
 * echoed into the log), and the file must be UTF-8 text of at most {@link #MAX_BYTES}.
 */
final class ConfigFiles {

    static final long MAX_BYTES = 1024L * 1024;

    private ConfigFiles() {}

    /**
     * @param root the folder the file must stay inside
     * @param relative the file's path inside {@code root}
     * @param shown the file as the person knows it, for messages
     * @param problem makes the exception thrown for a file that cannot be used
     * @return the text; empty when there is no such file
     */
    static Optional<String> read(
            Path root,
            String relative,
            String shown,
            Function<String, ? extends RuntimeException> problem) {
        Path file = root.resolve(relative);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (Files.isSymbolicLink(file) && !file.toRealPath().startsWith(root.toRealPath())) {
                throw problem.apply(
                        shown
                                + " is a link that leads outside the folder: put the file itself there instead of a link.");
            }
            if (!Files.isRegularFile(file)) {
                throw problem.apply(shown + " is not a regular file: make it one, or remove it.");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw problem.apply(
                        shown
                                + " is larger than 1 MiB, which no set of rules needs: use :placeholders and * splats to write fewer rules.");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            throw problem.apply(shown + " is not UTF-8 text: save it as UTF-8.");
        } catch (IOException e) {
            throw problem.apply(
                    "Cannot read "
                            + shown
                            + " ("
                            + e.getClass().getSimpleName()
                            + "): check the file.");
        }
    }
}
