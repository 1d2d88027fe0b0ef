package dev.slipway.desktop.aws;

/** Which account and region to talk to: a named profile of the SDK's default chain, a region. */
public record AwsTarget(String profile, String region) {}
