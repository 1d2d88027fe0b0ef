package dev.slipway.builder.outcome;

/** The build was canceled (SIGTERM or SIGINT): it ends CANCELED with exit 143 or 130. */
public final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StopSignal.Reason reason;

    public Stopped(StopSignal.Reason reason) {
        super(
                "The build was canceled ("
                        + (reason == StopSignal.Reason.TERMINATED ? "SIGTERM" : "SIGINT")
                        + ").");
        this.reason = reason;
    }

    public StopSignal.Reason reason() {
        return reason;
    }
}
