package dev.slipway.desktop.stack;

/**
 * The local stack (embedded S3-compatible server with data under {@code $SLIPWAY_HOME/data},
 * embedded Redis, the proxy on {@code proxyPort}). Blocking.
 */
public interface StackService {

    /** Reads {@code stack.json} and checks the process is alive. */
    StackStatus status();

    /**
     * Starts the stack in the background when it is not running and waits until it answers.
     *
     * @throws dev.slipway.desktop.SlipwayException naming a taken port and how to change it
     */
    StackStatus ensureRunning();

    /** Stops a running stack; nothing when none runs. */
    void stop();
}
