package dev.slipway.builder.config;

/** How much one deployment may hold. */
public record Limits(int maxFiles, long maxFileBytes, long maxTotalBytes) {

    /** 20,000 files, 100 MiB per file, 2 GiB in all. */
    public static Limits standard() {
        return new Limits(20_000, 100L * 1024 * 1024, 2L * 1024 * 1024 * 1024);
    }
}
