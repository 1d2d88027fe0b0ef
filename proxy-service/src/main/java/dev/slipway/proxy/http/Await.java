package dev.slipway.proxy.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Continues a request when a future completes, without blocking the IO thread: a completed future
 * (a cache hit) continues at once; otherwise the exchange is dispatched and picked up again on its
 * own IO thread, inside Undertow's handler machinery (so a thrown exception still becomes a 500).
 */
final class Await {

    interface Step<T> {
        void run(HttpServerExchange exchange, T value) throws Exception;
    }

    interface Failure {
        void run(HttpServerExchange exchange, Throwable cause) throws Exception;
    }

    private Await() {}

    static <T> void then(
            HttpServerExchange exchange, CompletableFuture<T> future, Step<T> step, Failure failure)
            throws Exception {
        if (future.isDone()) {
            complete(exchange, future, step, failure);
            return;
        }
        AccessLogHandler.markMiss(exchange);
        exchange.dispatch(
                SameThreadExecutor.INSTANCE,
                () -> {
                    var unused =
                            future.whenComplete(
                                    (value, error) ->
                                            exchange.dispatch(
                                                    exchange.getIoThread(),
                                                    ex -> complete(ex, future, step, failure)));
                });
    }

    private static <T> void complete(
            HttpServerExchange exchange, CompletableFuture<T> future, Step<T> step, Failure failure)
            throws Exception {
        T value;
        try {
            value = future.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            failure.run(exchange, cause);
            return;
        }
        step.run(exchange, value);
    }
}
