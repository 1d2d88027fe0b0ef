package dev.slipway.proxy.storage;

/**
 * The bucket has no object under the key: a normal answer (an absent variant, a deleted project).
 */
public final class ObjectMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ObjectMissingException(String key) {
        super("No object " + key + " in the bucket", null, false, false);
    }
}
