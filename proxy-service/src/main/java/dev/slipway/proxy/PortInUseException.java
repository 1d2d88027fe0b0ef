package dev.slipway.proxy;

/** The proxy's port is taken by another program. */
public final class PortInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int port;

    public PortInUseException(String bind, int port, Throwable cause) {
        super(
                "Port "
                        + port
                        + " on "
                        + bind
                        + " is already in use. Stop the program using it, or give the"
                        + " proxy another port: PORT=<port> (or --port <port>; proxyPort in config.json for the"
                        + " desktop app).",
                cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
