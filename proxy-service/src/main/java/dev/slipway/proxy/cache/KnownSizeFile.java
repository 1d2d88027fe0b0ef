package dev.slipway.proxy.cache;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cached body's file, whose size never changes, with a {@code transferTo} a socket that is one
 * {@code sendfile} and nothing else. The JDK's {@code FileChannel.transferTo} asks the file's size
 * first (an {@code fstat} per call) and marks the thread interruptible and registered twice around
 * it; for a body that was written once and is only read, the size is known, and the socket is
 * non-blocking (never interrupted out of a wait). Profiled on the 200 KB bundle, that was a system
 * call and about a microsecond of Java per response (docs/benchmarks/proxy.md).
 *
 * <p>This calls the JDK's own native transfer ({@code sun.nio.ch.FileChannelImpl.transferTo0}, the
 * one {@code transferTo} ends in), which needs {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}
 * as {@code TcpCork} does. Without it, off Linux, for any other target, or if the kernel refuses
 * the direct transfer, it is the JDK's {@code transferTo}. All other operations are the file's own.
 */
final class KnownSizeFile extends FileChannel {

    private static final Logger log = LoggerFactory.getLogger(KnownSizeFile.class);

    /** sun.nio.ch.IOStatus */
    private static final int UNAVAILABLE = -2;

    private static final int INTERRUPTED = -3;

    /** Linux's largest {@code sendfile}. */
    private static final long MAX_TRANSFER = 0x7ffff000L;

    /** (FileChannel impl, FileDescriptor src, long position, long count, FileDescriptor dst) */
    private static final MethodHandle TRANSFER_TO0;

    /** (FileChannel impl) → FileDescriptor */
    private static final MethodHandle FILE_FD;

    /** (SocketChannel) → FileDescriptor */
    private static final MethodHandle SOCKET_FD;

    private static final Class<?> FILE_IMPL;
    private static final Class<?> SOCKET_IMPL;

    static {
        MethodHandle transfer = null;
        MethodHandle fileFd = null;
        MethodHandle socketFd = null;
        Class<?> fileImpl = null;
        Class<?> socketImpl = null;
        if (System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("linux")) {
            try {
                fileImpl = Class.forName("sun.nio.ch.FileChannelImpl");
                socketImpl = Class.forName("sun.nio.ch.SocketChannelImpl");
                Method t =
                        fileImpl.getDeclaredMethod(
                                "transferTo0",
                                FileDescriptor.class,
                                long.class,
                                long.class,
                                FileDescriptor.class);
                t.setAccessible(true);
                Field fd = fileImpl.getDeclaredField("fd");
                fd.setAccessible(true);
                Method getFd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFD");
                getFd.setAccessible(true);
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                transfer =
                        lookup.unreflect(t)
                                .asType(
                                        MethodType.methodType(
                                                long.class,
                                                FileChannel.class,
                                                FileDescriptor.class,
                                                long.class,
                                                long.class,
                                                FileDescriptor.class));
                fileFd =
                        lookup.unreflectGetter(fd)
                                .asType(
                                        MethodType.methodType(
                                                FileDescriptor.class, FileChannel.class));
                socketFd =
                        lookup.unreflect(getFd)
                                .asType(
                                        MethodType.methodType(
                                                FileDescriptor.class, SocketChannel.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.info(
                        "Cached files are sent with FileChannel.transferTo (one more system call per response): run java with --add-opens java.base/sun.nio.ch=ALL-UNNAMED ({})",
                        e.toString());
                transfer = null;
            }
        }
        TRANSFER_TO0 = transfer;
        FILE_FD = fileFd;
        SOCKET_FD = socketFd;
        FILE_IMPL = fileImpl;
        SOCKET_IMPL = socketImpl;
    }

    private final FileChannel file;
    private final FileDescriptor fd;
    private final long size;

    private KnownSizeFile(FileChannel file, FileDescriptor fd, long size) {
        this.file = file;
        this.fd = fd;
        this.size = size;
    }

    /**
     * {@code file} as a channel whose direct transfers skip the size check, or {@code file} itself
     * when that is not possible here. Its size must stay {@code size}; closing the result closes
     * {@code file}.
     */
    static FileChannel of(FileChannel file, long size) {
        if (TRANSFER_TO0 == null || !FILE_IMPL.isInstance(file)) {
            return file;
        }
        try {
            return new KnownSizeFile(file, (FileDescriptor) FILE_FD.invokeExact(file), size);
        } catch (Throwable e) {
            log.debug("Cannot read a file's descriptor", e);
            return file;
        }
    }

    /** Whether {@link #of} wraps files in this JVM. */
    static boolean available() {
        return TRANSFER_TO0 != null;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
            throws IOException {
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("Negative position or count");
        }
        if (!SOCKET_IMPL.isInstance(target) || !isOpen()) {
            return file.transferTo(position, count, target);
        }
        long n = Math.min(Math.min(count, size - position), MAX_TRANSFER);
        if (n <= 0) {
            return 0;
        }
        FileDescriptor dst;
        try {
            dst = (FileDescriptor) SOCKET_FD.invokeExact((SocketChannel) target);
        } catch (Throwable e) {
            return file.transferTo(position, count, target);
        }
        for (; ; ) {
            long sent;
            try {
                // Throws IOException for a failed transfer (a reset connection, a closed socket).
                sent = (long) TRANSFER_TO0.invokeExact(file, fd, position, n, dst);
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IOException("sendfile failed", e);
            }
            if (sent >= 0) {
                return sent;
            }
            if (sent == UNAVAILABLE) {
                return 0;
            }
            if (sent != INTERRUPTED) {
                // Not supported for this pair: the JDK knows its fallbacks.
                return file.transferTo(position, count, target);
            }
        }
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return file.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return file.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return file.write(src, position);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public FileChannel truncate(long newSize) throws IOException {
        file.truncate(newSize);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
            throws IOException {
        return file.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
