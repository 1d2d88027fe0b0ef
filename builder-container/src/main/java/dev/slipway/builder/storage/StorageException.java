package dev.slipway.builder.storage;

/** The bucket could not be read or written; the message names the key and the reason. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
