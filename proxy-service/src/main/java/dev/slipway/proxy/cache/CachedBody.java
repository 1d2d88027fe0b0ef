package dev.slipway.proxy.cache;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cached file body in direct memory, freed the moment nothing uses it: the cache holds one
 * reference until it evicts the body, and every response that sends it holds one until its write
 * has finished. So direct memory is the cache's weight plus the bodies being written, never bodies
 * waiting for a garbage collection, and a socket write needs no copy into a temporary buffer.
 */
public final class CachedBody {

    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private final ByteBuffer memory;
    private final int size;
    private final AtomicInteger references = new AtomicInteger(1);

    private CachedBody(ByteBuffer memory) {
        this.memory = memory;
        this.size = memory.remaining();
    }

    /** A copy of {@code source}'s remaining bytes, held by the caller (the cache). */
    static CachedBody copyOf(ByteBuffer source) {
        ByteBuffer direct = ByteBuffer.allocateDirect(source.remaining());
        direct.put(source.duplicate()).flip();
        return new CachedBody(direct);
    }

    public int size() {
        return size;
    }

    /**
     * A view of the bytes to send, with a reference the caller must {@link #release}; null when the
     * body has been freed already (evicted just now: look it up again).
     */
    public ByteBuffer acquire() {
        for (; ; ) {
            int n = references.get();
            if (n <= 0) {
                return null;
            }
            if (references.compareAndSet(n, n + 1)) {
                return memory.duplicate();
            }
        }
    }

    /** Gives back one reference; the last one frees the memory at once. */
    public void release() {
        int n = references.decrementAndGet();
        if (n == 0 && UNSAFE != null) {
            UNSAFE.invokeCleaner(memory);
        } else if (n < 0) {
            throw new IllegalStateException("A cached body was released more often than held");
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
