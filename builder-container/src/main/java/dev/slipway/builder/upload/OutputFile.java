package dev.slipway.builder.upload;

import java.nio.file.Path;

/**
 * One file to publish.
 *
 * @param path relative, '/'-separated, no leading slash: the path it is served at
 * @param source the regular file to read (a link's target, for a link inside the output)
 */
record OutputFile(String path, Path source, long size) {}
