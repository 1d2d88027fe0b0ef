package dev.slipway.desktop.aws;

/**
 * Reads what {@code aws init} needs from the user's AWS account. Failures are {@link
 * dev.slipway.desktop.SlipwayException}s whose message says what to do.
 */
public interface StackSource {

    /**
     * The region the SDK's chain gives for this profile ({@code AWS_REGION}, the profile's {@code
     * region}), or {@code null} when it names none.
     */
    String defaultRegion(String profile);

    /** The stack's status and outputs; a missing stack is a {@code BAD_INPUT} failure. */
    StackDescription describe(AwsTarget target, String stackName);

    /** The decrypted value of an SSM (SecureString) parameter. */
    String secureParameter(AwsTarget target, String name);
}
