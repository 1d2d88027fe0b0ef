package dev.slipway.proxy.storage;

/** The bucket could not be read: unreachable, too slow, refused, or an unreadable object. */
public final class StorageUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
