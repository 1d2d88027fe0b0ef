package dev.slipway.proxy.http;

import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * The proxy's HTTP listeners on one XNIO worker, as {@code Undertow.start()} makes them, with these
 * differences: every connection's writes pass a {@link RejectionSpotter}, so the requests Undertow
 * refuses before any handler runs still reach the access log and the metrics; the {@code Host}
 * check is the {@link HostCheck} made once per listener (or, if it cannot be put in, Undertow's own
 * behind {@link AbsoluteFormHost}); the IO buffers come from a {@link ThreadBufferPool}.
 */
public final class HttpListeners implements AutoCloseable {

    private static final org.slf4j.Logger log =
            org.slf4j.LoggerFactory.getLogger(HttpListeners.class);

    /** One listener: where, and what answers there. */
    public record Listener(String bind, int port, HttpHandler handler) {}

    private final XnioWorker worker;
    private final ByteBufferPool buffers;
    private final List<AcceptingChannel<StreamConnection>> channels;
    private final List<HttpHandler> roots;

    private HttpListeners(
            XnioWorker worker,
            ByteBufferPool buffers,
            List<AcceptingChannel<StreamConnection>> channels,
            List<HttpHandler> roots) {
        this.worker = worker;
        this.buffers = buffers;
        this.channels = channels;
        this.roots = roots;
    }

    /**
     * Opens every listener, or none (a failure closes what was opened and is rethrown).
     *
     * @param serverOptions Undertow's options ({@link UndertowOptions})
     * @param socketOptions XNIO's socket options ({@link Options})
     */
    public static HttpListeners open(
            List<Listener> listeners,
            int ioThreads,
            OptionMap serverOptions,
            OptionMap socketOptions,
            RejectionSpotter.Listener rejections)
            throws IOException {
        Xnio xnio = Xnio.getInstance(io.undertow.Undertow.class.getClassLoader());
        XnioWorker worker =
                xnio.createWorker(
                        OptionMap.builder()
                                .set(Options.WORKER_IO_THREADS, ioThreads)
                                .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                                .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                                .set(Options.WORKER_TASK_CORE_THREADS, Math.max(4, ioThreads * 2))
                                .set(Options.WORKER_TASK_MAX_THREADS, Math.max(4, ioThreads * 2))
                                .set(Options.TCP_NODELAY, true)
                                .set(Options.CORK, true)
                                .getMap());
        // 16 KiB direct buffers, as Undertow picks for a heap over 128 MiB, four kept per thread.
        ByteBufferPool buffers = new ThreadBufferPool(16 * 1024, 4);
        OptionMap sockets =
                OptionMap.builder()
                        .set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
                        .set(Options.TCP_NODELAY, true)
                        .set(Options.REUSE_ADDRESSES, true)
                        .set(Options.BALANCING_TOKENS, 1)
                        .set(Options.BALANCING_CONNECTIONS, 2)
                        .addAll(socketOptions)
                        .getMap();
        OptionMap server =
                OptionMap.builder()
                        .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                        .addAll(serverOptions)
                        .getMap();
        List<AcceptingChannel<StreamConnection>> channels = new ArrayList<>();
        List<HttpHandler> roots = new ArrayList<>();
        try {
            for (Listener l : listeners) {
                HttpOpenListener open = new HttpOpenListener(buffers, server);
                open.setRootHandler(l.handler());
                if (HostCheck.install(l.handler())) {
                    roots.add(l.handler());
                } else if (!AbsoluteFormHost.install(open)) {
                    log.warn(
                            "Absolute-form requests whose authority differs from Host get Undertow's 400: this Undertow is not the 2.4 the proxy is built with");
                }
                AcceptingChannel<StreamConnection> channel =
                        worker.createStreamConnectionServer(
                                new InetSocketAddress(InetAddress.getByName(l.bind()), l.port()),
                                ChannelListeners.openListenerAdapter(
                                        RejectionSpotter.wrap(open, rejections)),
                                sockets);
                channel.resumeAccepts();
                channels.add(channel);
            }
        } catch (IOException | RuntimeException e) {
            new HttpListeners(worker, buffers, channels, roots).close();
            throw e;
        }
        return new HttpListeners(worker, buffers, channels, roots);
    }

    /** The port of the listener at {@code index} (the chosen one when 0 was asked for). */
    public int port(int index) {
        return channels.get(index).getLocalAddress(InetSocketAddress.class).getPort();
    }

    /** Stops accepting, closes every connection and the worker's threads. */
    @Override
    public void close() {
        for (AcceptingChannel<StreamConnection> channel : channels) {
            IoUtils.safeClose(channel);
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        buffers.close();
        roots.forEach(HostCheck::uninstall);
    }
}
