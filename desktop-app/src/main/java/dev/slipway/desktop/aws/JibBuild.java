package dev.slipway.desktop.aws;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Maven command that builds one of Slipway's two images with Jib, without a Docker engine:
 * {@code mvn -pl <module> -am compile jib:<goal> -Djib.containerize=<module> …}, run in the Slipway
 * checkout. {@code slipway aws push-images} runs it with {@code jib:build}; the image test runs it
 * with {@code jib:buildTar} and an offline base.
 */
public record JibBuild(Image image, String goal, Map<String, String> properties) {

    /** The two images, by the module that makes them. */
    public enum Image {
        BUILDER("builder-container"),
        PROXY("proxy-service");

        private final String module;

        Image(String module) {
            this.module = module;
        }

        public String module() {
            return module;
        }
    }

    public JibBuild {
        properties = Map.copyOf(properties);
    }

    /** The command line, for a checkout at {@code checkout} and Maven at {@code mvn}. */
    public List<String> command(String mvn, Path checkout) {
        List<String> command = new ArrayList<>();
        command.add(mvn);
        command.add("-B");
        command.add("-q");
        command.add("-f");
        command.add(checkout.resolve("pom.xml").toString());
        command.add("-pl");
        command.add(image.module());
        command.add("-am");
        // Jib builds from the compiled classes and dependency jars (exploded), not from a jar.
        command.add("compile");
        command.add("jib:" + goal);
        command.add("-Djib.containerize=" + image.module());
        new TreeMap<>(properties).forEach((k, v) -> command.add("-D" + k + "=" + v));
        return command;
    }
}
