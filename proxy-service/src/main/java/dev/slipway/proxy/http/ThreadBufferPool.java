package dev.slipway.proxy.http;

import io.undertow.UndertowMessages;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.DirectByteBufferDeallocator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Undertow's IO buffers: direct, all of one size, each thread keeping up to {@code perThread} of
 * the buffers it gave back for its next allocations; a buffer given back beyond that is freed at
 * once (so direct memory is what is in use plus {@code perThread} buffers per thread). That is what
 * Undertow's {@code DefaultByteBufferPool(true, size, -1, perThread)} does, but it finds the
 * calling thread's cache in a synchronized {@code WeakHashMap}, on every allocation and every
 * release: four times per request (the read buffer and the response head's). Here it is a {@link
 * ThreadLocal}.
 */
final class ThreadBufferPool implements ByteBufferPool {

    private final int size;
    private final int perThread;
    private final ThreadLocal<Cache> caches;
    private final ByteBufferPool heap;
    private volatile boolean closed;

    /** One thread's buffers, and how many it holds (a thread that only frees keeps none). */
    private static final class Cache {
        final ArrayDeque<ByteBuffer> free;
        int allocated;

        Cache(int perThread) {
            free = new ArrayDeque<>(perThread);
        }
    }

    ThreadBufferPool(int size, int perThread) {
        this.size = size;
        this.perThread = perThread;
        this.caches = ThreadLocal.withInitial(() -> new Cache(perThread));
        this.heap = new DefaultByteBufferPool(false, size, -1, 0);
    }

    @Override
    public PooledByteBuffer allocate() {
        if (closed) {
            throw UndertowMessages.MESSAGES.poolIsClosed();
        }
        Cache cache = caches.get();
        ByteBuffer buffer = cache.free.poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(size);
        } else {
            buffer.clear();
        }
        if (cache.allocated < perThread) {
            cache.allocated++;
        }
        return new Pooled(this, buffer);
    }

    private void free(ByteBuffer buffer) {
        if (!closed) {
            Cache cache = caches.get();
            if (cache.allocated > 0) {
                cache.allocated--;
                if (cache.free.size() < perThread) {
                    cache.free.add(buffer);
                    return;
                }
            }
        }
        DirectByteBufferDeallocator.free(buffer);
    }

    @Override
    public ByteBufferPool getArrayBackedPool() {
        return heap;
    }

    /**
     * Stops allocating; buffers given back from now on are freed. Those in the threads' caches go
     * with their threads (the IO threads end when the listeners close).
     */
    @Override
    public void close() {
        closed = true;
        heap.close();
    }

    @Override
    public int getBufferSize() {
        return size;
    }

    @Override
    public boolean isDirect() {
        return true;
    }

    /** One allocation: given back once, whoever closes it first. */
    private static final class Pooled implements PooledByteBuffer {

        private static final VarHandle BUFFER;

        static {
            try {
                BUFFER =
                        MethodHandles.lookup()
                                .findVarHandle(Pooled.class, "buffer", ByteBuffer.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final ThreadBufferPool pool;
        private volatile ByteBuffer buffer;

        Pooled(ThreadBufferPool pool, ByteBuffer buffer) {
            this.pool = pool;
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer getBuffer() {
            ByteBuffer b = buffer;
            if (b == null) {
                throw UndertowMessages.MESSAGES.bufferAlreadyFreed();
            }
            return b;
        }

        @Override
        public void close() {
            ByteBuffer b = (ByteBuffer) BUFFER.getAndSet(this, (ByteBuffer) null);
            if (b != null) {
                pool.free(b);
            }
        }

        @Override
        public boolean isOpen() {
            return buffer != null;
        }
    }
}
