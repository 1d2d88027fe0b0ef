package dev.slipway.builder.pipeline;

import dev.slipway.builder.config.BuildConfig;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.process.BuildUser;
import dev.slipway.builder.toolchain.ToolchainSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What every step of one build shares: its checked configuration, its working folder, its log, its
 * stop signal and clock, and how its commands run (as which user, with which {@code PATH}, how long
 * a killed command may take to exit, where Node versions are kept).
 *
 * @param toolPath the {@code PATH} the build's commands get
 */
public record BuildContext(
        BuildConfig config,
        Path workDirectory,
        BuildLog log,
        StopSignal stop,
        Clock clock,
        BuildUser buildUser,
        String toolPath,
        Duration killGrace,
        ToolchainSettings toolchains) {}
