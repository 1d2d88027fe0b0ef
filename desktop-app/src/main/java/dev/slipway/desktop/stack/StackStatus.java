package dev.slipway.desktop.stack;

/**
 * The local stack as {@code stack.json} describes it while it runs: the S3 endpoint, the Redis URL,
 * the proxy's port and the pid of the process holding them.
 */
public record StackStatus(
        boolean running, String s3Endpoint, String redisUrl, int proxyPort, long pid) {

    public static StackStatus stopped() {
        return new StackStatus(false, null, null, 0, 0);
    }
}
