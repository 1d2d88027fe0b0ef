package dev.slipway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.connector.PooledByteBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadBufferPoolTest {

    @Test
    void givesBackTheSameBuffersToTheThreadThatFreedThem() {
        ThreadBufferPool pool = new ThreadBufferPool(1024, 2);
        PooledByteBuffer a = pool.allocate();
        PooledByteBuffer b = pool.allocate();
        ByteBuffer first = a.getBuffer();
        ByteBuffer second = b.getBuffer();
        assertThat(first.isDirect()).isTrue();
        assertThat(first.capacity()).isEqualTo(1024);
        first.put((byte) 1);
        a.close();
        b.close();
        PooledByteBuffer c = pool.allocate();
        PooledByteBuffer d = pool.allocate();
        assertThat(List.of(c.getBuffer(), d.getBuffer()))
                .usingElementComparator((x, y) -> x == y ? 0 : 1)
                .containsExactlyInAnyOrder(first, second);
        assertThat(c.getBuffer().position()).isZero();
        assertThat(c.getBuffer().limit()).isEqualTo(1024);
        c.close();
        d.close();
    }

    @Test
    void keepsAtMostItsShareAndNoneForAThreadThatOnlyFrees() throws Exception {
        ThreadBufferPool pool = new ThreadBufferPool(1024, 2);
        List<PooledByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(pool.allocate());
        }
        List<ByteBuffer> buffers = held.stream().map(PooledByteBuffer::getBuffer).toList();
        held.forEach(PooledByteBuffer::close);
        int reused = 0;
        for (int i = 0; i < 5; i++) {
            ByteBuffer b = pool.allocate().getBuffer();
            for (ByteBuffer old : buffers) {
                reused += old == b ? 1 : 0;
            }
        }
        assertThat(reused).isEqualTo(2);

        PooledByteBuffer elsewhere = pool.allocate();
        ByteBuffer given = elsewhere.getBuffer();
        AtomicReference<ByteBuffer> fromOther = new AtomicReference<>();
        Thread other =
                new Thread(
                        () -> {
                            elsewhere.close();
                            fromOther.set(pool.allocate().getBuffer());
                        });
        other.start();
        other.join();
        assertThat(fromOther.get()).isNotNull().isNotSameAs(given);
    }

    @Test
    void closesOnceAndRefusesAFreedBuffer() {
        ThreadBufferPool pool = new ThreadBufferPool(1024, 2);
        PooledByteBuffer a = pool.allocate();
        ByteBuffer buffer = a.getBuffer();
        a.close();
        a.close();
        assertThat(a.isOpen()).isFalse();
        assertThatThrownBy(a::getBuffer).isInstanceOf(RuntimeException.class);
        PooledByteBuffer b = pool.allocate();
        PooledByteBuffer c = pool.allocate();
        assertThat(b.getBuffer() == buffer && c.getBuffer() == buffer).isFalse();
        pool.close();
        assertThatThrownBy(pool::allocate).isInstanceOf(RuntimeException.class);
        b.close();
        c.close();
    }
}
