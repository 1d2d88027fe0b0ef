package dev.slipway.desktop.launch;

import dev.slipway.desktop.SlipwayException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run the builder as a child process: {@code java -jar slipway-builder.jar}, the jar found
 * through {@code SLIPWAY_BUILDER_JAR}, else beside {@code slipway.jar} (an installed copy), else in
 * the checkout that built {@code slipway.jar} ({@code
 * builder-container/target/slipway-builder.jar}); else the builder classes on this program's class
 * path (tests run from the reactor).
 */
public final class BuilderCommand {

    public static final String ENV = "SLIPWAY_BUILDER_JAR";
    static final String CDS_ENV = "SLIPWAY_BUILDER_CDS";
    static final String MAIN_CLASS = "dev.slipway.builder.BuilderMain";

    /**
     * A build is a short-lived process that mostly waits on Git, npm and the network: the client
     * compiler alone and the serial collector start it about a third faster, and Lettuce's and
     * Netty's JFR events (which load JFR) are of no use in it (see docs/benchmarks/cli.md).
     */
    static final List<String> JVM_OPTIONS =
            List.of(
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Dio.lettuce.core.jfr=false",
                    "-Dio.netty.jfr.enabled=false");

    private final List<String> command;
    private final String description;
    private final Path jar;
    private final ClassDataSharing.Dump dump;

    private BuilderCommand(List<String> command, String description) {
        this(command, description, null);
    }

    private BuilderCommand(List<String> command, String description, Path jar) {
        this(command, description, jar, null);
    }

    private BuilderCommand(
            List<String> command, String description, Path jar, ClassDataSharing.Dump dump) {
        this.command = List.copyOf(command);
        this.description = description;
        this.jar = jar;
        this.dump = dump;
    }

    /**
     * The same command with a class-data sharing archive of the builder jar's classes in {@code
     * folder} (decision 0008), unless {@code SLIPWAY_BUILDER_CDS} is {@code false}: named after the
     * jar's size and time, so a rebuilt jar gets a new one. A build that finds none records the
     * classes it loads, and {@link #started} leaves a background dump that makes the archive once
     * that build's process is gone ({@link ClassDataSharing#forBuilder}); every later build maps
     * it. The teaching build ends as fast as any: nothing is written at its exit. A missing,
     * half-written or stale archive is ignored silently. Builder classes on the class path get
     * none.
     */
    public BuilderCommand withClassDataSharing(Path folder, Map<String, String> env) {
        if (jar == null || "false".equals(env.get(CDS_ENV))) {
            return this;
        }
        ClassDataSharing.Plan plan;
        try {
            plan = ClassDataSharing.forBuilder(folder, "builder-", jar);
        } catch (java.io.IOException e) {
            return this;
        }
        List<String> withArchive = new java.util.ArrayList<>(command);
        withArchive.addAll(1, plan.options());
        return new BuilderCommand(withArchive, description, jar, plan.dump().orElse(null));
    }

    /**
     * Called with the builder's process once it started: a build that records its classes gets the
     * background dump that makes the archive of them after it ends.
     */
    public void started(long pid) {
        if (dump == null) {
            return;
        }
        try {
            dump.startAfter(pid, command.get(0));
        } catch (java.io.IOException e) {
            // No archive this time; the next build records its classes again.
        }
    }

    /**
     * Called when a builder started with this command ends without a build ({@link BuilderAhead}
     * unused): the class list it recorded holds the start-up's classes only, so it goes, and the
     * next build records its classes again.
     */
    public void discarded() {
        if (dump == null) {
            return;
        }
        try {
            Files.deleteIfExists(dump.classList());
        } catch (java.io.IOException e) {
            // Left beside the archives until the jar changes; it is never read.
        }
    }

    public List<String> command() {
        return command;
    }

    /** Where the builder comes from, for doctor. */
    public String description() {
        return description;
    }

    /**
     * Finds the builder.
     *
     * @throws SlipwayException saying how to build the jar or where to point {@code
     *     SLIPWAY_BUILDER_JAR}
     */
    public static BuilderCommand locate(Map<String, String> env, String javaBinary) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            Path jar = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw SlipwayException.badInput(
                        ENV
                                + " points at "
                                + jar
                                + ", which does not exist; build it with 'mvn -pl builder-container -am package' or fix the variable.");
            }
            return new BuilderCommand(
                    java(javaBinary, "-jar", jar.toString()), jar.toString(), jar);
        }
        Optional<Path> ownJar = ownJar();
        if (ownJar.isPresent()) {
            Path beside = ownJar.get().resolveSibling("slipway-builder.jar");
            if (Files.isRegularFile(beside)) {
                return new BuilderCommand(
                        java(javaBinary, "-jar", beside.toString()), beside.toString(), beside);
            }
            Path checkout =
                    ownJar.get()
                            .getParent()
                            .resolve("../../builder-container/target/slipway-builder.jar")
                            .normalize();
            if (Files.isRegularFile(checkout)) {
                return new BuilderCommand(
                        java(javaBinary, "-jar", checkout.toString()),
                        checkout.toString(),
                        checkout);
            }
        }
        if (hasBuilderClasses()) {
            String cp = System.getProperty("java.class.path");
            return new BuilderCommand(
                    java(javaBinary, "-cp", cp, MAIN_CLASS),
                    "the builder inside " + ownJar.map(Path::toString).orElse("this program"));
        }
        throw SlipwayException.badInput(
                "The builder (slipway-builder.jar) was not found; build it with 'mvn -pl builder-container -am package' in the Slipway checkout, or set "
                        + ENV
                        + " to its path.");
    }

    private static List<String> java(String javaBinary, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(javaBinary);
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of(args));
        return command;
    }

    private static boolean hasBuilderClasses() {
        try {
            Class.forName(MAIN_CLASS, false, BuilderCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Optional<Path> ownJar() {
        try {
            var source = BuilderCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
