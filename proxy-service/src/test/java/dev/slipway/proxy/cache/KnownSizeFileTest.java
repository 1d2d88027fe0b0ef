package dev.slipway.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class KnownSizeFileTest {

    @TempDir Path folder;

    private FileChannel fileOf(byte[] bytes) throws IOException {
        Path path = folder.resolve("body.bin");
        Files.write(path, bytes);
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    /** The build's JVM flags open {@code sun.nio.ch}: without them a transfer costs an fstat. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void wrapsFilesOnLinuxWithTheJvmFlagsTheBuildUses() throws IOException {
        assertThat(KnownSizeFile.available()).isTrue();
        try (FileChannel file = fileOf(new byte[10])) {
            assertThat(KnownSizeFile.of(file, 10)).isInstanceOf(KnownSizeFile.class);
        }
    }

    /**
     * A non-blocking socket whose peer reads slowly: every byte from the asked position arrives
     * once, in order, across the partial transfers and the transfers of none (a full buffer).
     */
    @Test
    void sendsExactlyTheAskedBytesToANonBlockingSocket() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(3).nextBytes(bytes);
        try (FileChannel file = KnownSizeFile.of(fileOf(bytes), bytes.length);
                ServerSocketChannel server =
                        ServerSocketChannel.open()
                                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel accepted = server.accept()) {
            accepted.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
            accepted.configureBlocking(false);
            long start = 1000;
            long end = bytes.length - 5;
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            Thread reader =
                    new Thread(
                            () -> {
                                ByteBuffer in = ByteBuffer.allocate(8192);
                                try {
                                    while (received.size() < end - start) {
                                        in.clear();
                                        int n = client.read(in);
                                        if (n < 0) {
                                            return;
                                        }
                                        received.write(in.array(), 0, n);
                                    }
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
            reader.start();
            long position = start;
            int none = 0;
            while (position < end) {
                long n = file.transferTo(position, end - position, accepted);
                assertThat(n).isBetween(0L, end - position);
                if (n == 0) {
                    none++;
                    Thread.sleep(1);
                }
                position += n;
            }
            reader.join(10_000);
            assertThat(received.toByteArray())
                    .isEqualTo(Arrays.copyOfRange(bytes, (int) start, (int) end));
            assertThat(none).as("the socket's buffer filled at least once").isPositive();
        }
    }

    @Test
    void neverSendsPastTheSizeItWasGiven() throws Exception {
        byte[] bytes = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (FileChannel file = KnownSizeFile.of(fileOf(bytes), bytes.length);
                ServerSocketChannel server =
                        ServerSocketChannel.open()
                                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel accepted = server.accept()) {
            assertThat(file.transferTo(8, 100, accepted)).isEqualTo(2);
            assertThat(file.transferTo(10, 100, accepted)).isZero();
            assertThat(file.transferTo(50, 100, accepted)).isZero();
            ByteBuffer in = ByteBuffer.allocate(10);
            client.read(in);
            assertThat(new String(in.array(), 0, in.position(), "US-ASCII")).isEqualTo("89");
        }
    }

    /** Any other target (here a stream) gets the JDK's transfer, with the same bytes. */
    @Test
    void transfersToOtherChannelsAsTheJdkDoes() throws Exception {
        byte[] bytes = new byte[100_000];
        new Random(5).nextBytes(bytes);
        try (FileChannel file = KnownSizeFile.of(fileOf(bytes), bytes.length)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long position = 10;
            while (position < bytes.length) {
                position += file.transferTo(position, bytes.length, Channels.newChannel(out));
            }
            assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 10, bytes.length));
            ByteBuffer part = ByteBuffer.allocate(4);
            file.read(part, 20);
            assertThat(part.array()).isEqualTo(Arrays.copyOfRange(bytes, 20, 24));
            assertThat(file.size()).isEqualTo(bytes.length);
        }
    }

    @Test
    void closingItClosesTheFile() throws Exception {
        FileChannel raw = fileOf(new byte[10]);
        FileChannel file = KnownSizeFile.of(raw, 10);
        file.close();
        assertThat(raw.isOpen()).isFalse();
        assertThat(file.isOpen()).isFalse();
        try (ServerSocketChannel server =
                        ServerSocketChannel.open()
                                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel accepted = server.accept()) {
            assertThatThrownBy(() -> file.transferTo(0, 10, accepted))
                    .isInstanceOf(ClosedChannelException.class);
        }
    }

    /** A peer that went away: the transfer fails with an IOException, as the JDK's does. */
    @Test
    void failsWithAnIoExceptionWhenThePeerReset() throws Exception {
        byte[] bytes = new byte[4 * 1024 * 1024];
        try (FileChannel file = KnownSizeFile.of(fileOf(bytes), bytes.length);
                ServerSocketChannel server =
                        ServerSocketChannel.open()
                                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            try (SocketChannel accepted = server.accept()) {
                client.setOption(StandardSocketOptions.SO_LINGER, 0);
                client.close();
                accepted.configureBlocking(false);
                assertThatThrownBy(
                                () -> {
                                    for (int i = 0; i < 100; i++) {
                                        file.transferTo(0, bytes.length, accepted);
                                        Thread.sleep(5);
                                    }
                                })
                        .isInstanceOf(IOException.class);
            }
        }
    }
}
