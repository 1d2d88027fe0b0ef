package dev.slipway.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedBodyTest {

    @TempDir Path folder;

    @Test
    void keepsALargeBodyInADeletedFileWithAChannelPerThread() throws Exception {
        byte[] bytes = new byte[CachedBody.FILE_MIN_BYTES + 1];
        new Random(1).nextBytes(bytes);
        CachedBody body = CachedBody.copyOf(ByteBuffer.wrap(bytes), folder, 2);

        assertThat(body.inFile()).isTrue();
        assertThat(body.size()).isEqualTo(bytes.length);
        try (var listing = Files.list(folder)) {
            assertThat(listing).as("deleted once open").isEmpty();
        }
        assertThat(body.file(0)).isNotSameAs(body.file(1));
        assertThat(body.file(2)).isSameAs(body.file(0));
        assertThat(body.copy()).isEqualTo(bytes);
        ByteBuffer part = ByteBuffer.allocate(10);
        body.file(1).read(part, 100);
        assertThat(part.array()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100, 110));
    }

    @Test
    void closesTheFileWhenTheLastReferenceIsReleased() throws Exception {
        CachedBody body =
                CachedBody.copyOf(ByteBuffer.wrap(new byte[CachedBody.FILE_MIN_BYTES]), folder, 1);
        assertThat(body.acquire()).isTrue();
        body.release();
        assertThat(body.file(0).isOpen()).as("a response still holds it").isTrue();
        body.release();
        assertThat(body.file(0).isOpen()).isFalse();
        assertThat(body.acquire()).as("freed").isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> body.file(0).read(ByteBuffer.allocate(1), 0))
                .isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void keepsSmallBodiesAndBodiesWithoutAFolderInMemory() {
        byte[] small = "<h1>hi</h1>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CachedBody inMemory = CachedBody.copyOf(ByteBuffer.wrap(small), folder, 2);
        assertThat(inMemory.inFile()).isFalse();
        assertThat(inMemory.copy()).isEqualTo(small);
        CachedBody noFolder =
                CachedBody.copyOf(ByteBuffer.wrap(new byte[CachedBody.FILE_MIN_BYTES]), null, 2);
        assertThat(noFolder.inFile()).isFalse();
    }

    @Test
    void fallsBackToMemoryWhenTheFolderCannotBeWritten() {
        CachedBody body =
                CachedBody.copyOf(
                        ByteBuffer.wrap(new byte[CachedBody.FILE_MIN_BYTES]),
                        folder.resolve("missing"),
                        2);
        assertThat(body.inFile()).isFalse();
        assertThat(body.memory().remaining()).isEqualTo(CachedBody.FILE_MIN_BYTES);
    }
}
