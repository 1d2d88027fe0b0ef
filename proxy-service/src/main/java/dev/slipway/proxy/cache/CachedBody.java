package dev.slipway.proxy.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cached file body, freed the moment nothing uses it: the cache holds one reference until it
 * evicts the body, and every response that sends it holds one until its write has finished.
 *
 * <p>A small body lives in direct memory (sent with the response's headers in one gathering write,
 * no copy into a temporary buffer). A large one ({@link #FILE_MIN_BYTES} and up) lives in a file
 * that was deleted as soon as it was opened, as nginx's files live in the kernel's page cache: it
 * is sent with {@code sendfile}, no copy through user space, and its pages are the kernel's to
 * reclaim, not the process's. Closing the last reference closes the file and the kernel drops it.
 * So the memory a body takes is the cache's weight plus the bodies being written, never bodies
 * waiting for a garbage collection.
 */
public final class CachedBody {

    /** Bodies this large and larger go to a file when a folder for them is given. */
    public static final int FILE_MIN_BYTES = 32 * 1024;

    private static final Logger log = LoggerFactory.getLogger(CachedBody.class);
    private static final sun.misc.Unsafe UNSAFE = unsafe();
    private static final AtomicBoolean fileFailureLogged = new AtomicBoolean();

    private final ByteBuffer memory;
    private final FileChannel[] files;
    private final int size;
    private final AtomicInteger references = new AtomicInteger(1);

    private CachedBody(ByteBuffer memory, FileChannel[] files, int size) {
        this.memory = memory;
        this.files = files;
        this.size = size;
    }

    /**
     * A copy of {@code source}'s remaining bytes, held by the caller (the cache): in a file under
     * {@code folder} when it is large and {@code folder} is not null, else in direct memory.
     */
    static CachedBody copyOf(ByteBuffer source, Path folder, int channels) {
        int size = source.remaining();
        if (folder != null && size >= FILE_MIN_BYTES) {
            FileChannel[] files = new FileChannel[Math.max(1, channels)];
            try {
                Path path = Files.createTempFile(folder, "slipway-body-", ".bin");
                try {
                    files[0] =
                            FileChannel.open(
                                    path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    ByteBuffer bytes = source.duplicate();
                    long at = 0;
                    while (bytes.hasRemaining()) {
                        at += files[0].write(bytes, at);
                    }
                    for (int i = 1; i < files.length; i++) {
                        files[i] = FileChannel.open(path, StandardOpenOption.READ);
                    }
                    // Written once, never again: its transfers need not ask its size.
                    for (int i = 0; i < files.length; i++) {
                        files[i] = KnownSizeFile.of(files[i], size);
                    }
                } finally {
                    // Deleted while open: the kernel drops its pages when the last one closes.
                    Files.deleteIfExists(path);
                }
                return new CachedBody(null, files, size);
            } catch (IOException | RuntimeException e) {
                for (FileChannel f : files) {
                    closeQuietly(f);
                }
                if (fileFailureLogged.compareAndSet(false, true)) {
                    log.warn(
                            "Cannot keep cached files in {} ({}); keeping them in direct memory",
                            folder,
                            e.toString());
                }
            }
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(size);
        direct.put(source.duplicate()).flip();
        return new CachedBody(direct, null, size);
    }

    public int size() {
        return size;
    }

    /** Whether the body lives in a file (send it with {@link #file()}), else in {@link #memory}. */
    public boolean inFile() {
        return files != null;
    }

    /**
     * Takes a reference the caller must {@link #release}; false when the body has been freed
     * already (evicted just now: look it up again).
     */
    public boolean acquire() {
        for (; ; ) {
            int n = references.get();
            if (n <= 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** A view of the bytes of a body in memory; only while a reference is held. */
    public ByteBuffer memory() {
        return memory.duplicate();
    }

    /**
     * The file of a body in a file, for positional reads and transfers only (its position is
     * shared); only while a reference is held. Each IO thread asks with its own number and gets a
     * channel of its own when there are enough: a {@code FileChannel} locks itself on every
     * transfer, and two threads on one channel waited for each other.
     */
    public FileChannel file(int thread) {
        return files[Math.floorMod(thread, files.length)];
    }

    /** A heap copy of the bytes; only while a reference is held. */
    public byte[] copy() {
        byte[] bytes = new byte[size];
        if (files == null) {
            memory.duplicate().get(bytes);
            return bytes;
        }
        FileChannel file = files[0];
        ByteBuffer into = ByteBuffer.wrap(bytes);
        try {
            while (into.hasRemaining()) {
                if (file.read(into, into.position()) < 0) {
                    throw new IOException("The cached file ended early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a cached file", e);
        }
        return bytes;
    }

    /** Gives back one reference; the last one frees the memory or closes the file at once. */
    public void release() {
        int n = references.decrementAndGet();
        if (n == 0) {
            if (files != null) {
                for (FileChannel f : files) {
                    closeQuietly(f);
                }
            } else if (UNSAFE != null) {
                UNSAFE.invokeCleaner(memory);
            }
        } else if (n < 0) {
            throw new IllegalStateException("A cached body was released more often than held");
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing a cached file failed", e);
        }
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Without it, the garbage collector frees bodies (later, but still within the cap).
            return null;
        }
    }
}
