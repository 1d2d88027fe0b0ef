package dev.slipway.builder.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Splits a process's output into lines as it arrives, without ever holding more than one line: no
 * limit on the total size. Bytes that are not UTF-8 become U+FFFD instead of breaking the line; a
 * trailing CR is dropped (CRLF output); ANSI escapes are kept. A line longer than {@link
 * #MAX_LINE_BYTES} is passed on in pieces of that size, each but the last marked as continued, so
 * nothing is lost, no event is huge, and readers can join the line again.
 */
final class LinePump implements Runnable {

    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final InputStream in;
    private final Sink sink;

    /** Receives each line, or each piece of an over-long line ({@code continues}: more follows). */
    interface Sink {
        void accept(String text, boolean continues);
    }

    private byte[] line = new byte[8192];
    private int length;
    private @Nullable IOException failure;

    LinePump(InputStream in, Sink sink) {
        this.in = in;
        this.sink = sink;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[65536];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        append(buffer, start, i - start);
                        emit();
                        start = i + 1;
                    }
                }
                append(buffer, start, n - start);
            }
        } catch (IOException e) {
            // The stream was closed under us (the process tree was killed): keep what arrived.
            failure = e;
        } finally {
            if (length > 0) {
                emit();
            }
        }
    }

    @Nullable IOException failure() {
        return failure;
    }

    private void append(byte[] src, int offset, int count) {
        while (count > 0) {
            int room = MAX_LINE_BYTES - length;
            if (room == 0) {
                emitPiece();
                room = MAX_LINE_BYTES;
            }
            int take = Math.min(room, count);
            if (length + take > line.length) {
                line =
                        Arrays.copyOf(
                                line,
                                Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + take)));
            }
            System.arraycopy(src, offset, line, length, take);
            length += take;
            offset += take;
            count -= take;
        }
    }

    private void emit() {
        int end = length;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        sink.accept(new String(line, 0, end, StandardCharsets.UTF_8), false);
        length = 0;
    }

    /** A piece of an over-long line, cut after its last whole UTF-8 character. */
    private void emitPiece() {
        int cut = length;
        for (int p = length - 1; p >= Math.max(0, length - 4); p--) {
            int b = line[p] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int size = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                if (p + size > length) {
                    cut = p;
                }
                break;
            }
        }
        if (cut == 0) {
            cut = length;
        }
        sink.accept(new String(line, 0, cut, StandardCharsets.UTF_8), true);
        System.arraycopy(line, cut, line, 0, length - cut);
        length -= cut;
    }
}
