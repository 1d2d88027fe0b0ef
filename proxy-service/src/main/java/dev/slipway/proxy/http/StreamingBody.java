package dev.slipway.proxy.http;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a body from S3 to the client without holding it in memory and without blocking: one buffer
 * is requested at a time and the next only once the client has taken the last, so a slow client
 * slows the S3 read instead of filling the heap. All state lives on the exchange's IO thread. If S3
 * fails mid-body the connection is closed (the length was promised), if the client goes away the S3
 * read is cancelled.
 */
final class StreamingBody implements Subscriber<ByteBuffer> {

    private static final Logger log = LoggerFactory.getLogger(StreamingBody.class);

    private final HttpServerExchange exchange;
    private Subscription subscription;
    private boolean writing;
    private boolean upstreamDone;
    private boolean finished;

    StreamingBody(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void onSubscribe(Subscription s) {
        exchange.getIoThread()
                .execute(
                        () -> {
                            subscription = s;
                            exchange.addExchangeCompleteListener(
                                    (ex, next) -> {
                                        if (!finished) {
                                            finished = true;
                                            s.cancel();
                                        }
                                        next.proceed();
                                    });
                            s.request(1);
                        });
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        exchange.getIoThread()
                .execute(
                        () -> {
                            if (finished) {
                                return;
                            }
                            writing = true;
                            exchange.getResponseSender().send(buffer, callback);
                        });
    }

    @Override
    public void onError(Throwable t) {
        exchange.getIoThread()
                .execute(
                        () -> {
                            if (finished) {
                                return;
                            }
                            finished = true;
                            log.warn(
                                    "The body from S3 broke off after {} bytes: {}",
                                    exchange.getResponseBytesSent(),
                                    t.toString());
                            org.xnio.IoUtils.safeClose(exchange.getConnection());
                        });
    }

    @Override
    public void onComplete() {
        exchange.getIoThread()
                .execute(
                        () -> {
                            upstreamDone = true;
                            if (!writing) {
                                finish();
                            }
                        });
    }

    private void finish() {
        if (!finished) {
            finished = true;
            exchange.getResponseSender().close(IoCallback.END_EXCHANGE);
        }
    }

    private final IoCallback callback =
            new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange ex, Sender sender) {
                    writing = false;
                    if (upstreamDone) {
                        finish();
                    } else if (!finished) {
                        subscription.request(1);
                    }
                }

                @Override
                public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                    writing = false;
                    if (!finished) {
                        finished = true;
                        subscription.cancel();
                    }
                    org.xnio.IoUtils.safeClose(ex.getConnection());
                }
            };
}
