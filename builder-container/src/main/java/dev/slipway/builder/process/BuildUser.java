package dev.slipway.builder.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The unprivileged account install and build run as, in the container image: a user other than the
 * one holding the credentials, so a build script can neither read the builder's environment through
 * {@code /proc/<pid>/environ} nor signal it. Commands are started through {@code setpriv} (no
 * setuid binary, no new privileges, no capabilities). See docs/security.md.
 *
 * <p>Outside the image (local mode, tests) there is no such user: {@link #none()} runs commands as
 * the builder's own user, with the same clean environment.
 */
public final class BuildUser {

    private final @Nullable String name;

    private BuildUser(@Nullable String name) {
        this.name = name;
    }

    /** Runs commands as the builder's own user. */
    public static BuildUser none() {
        return new BuildUser(null);
    }

    /** Runs commands as {@code name} (the image sets {@code SLIPWAY_BUILD_USER=build}). */
    public static BuildUser named(String name) {
        return new BuildUser(name);
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The argv prefix that starts a command as this user. */
    List<String> prefix() {
        if (name == null) {
            return List.of();
        }
        return List.of(
                "setpriv",
                "--reuid=" + name,
                "--regid=" + name,
                "--init-groups",
                "--inh-caps=-all",
                "--ambient-caps=-all",
                "--no-new-privs",
                "--");
    }

    /** Hands a folder the build writes into (the checkout, its home) to this user. */
    public void takeOwnership(Path dir) {
        if (name == null || !Files.exists(dir)) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(name);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(name);
            Files.walkFileTree(
                    dir,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
                                throws IOException {
                            own(d);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs)
                                throws IOException {
                            own(f);
                            return FileVisitResult.CONTINUE;
                        }

                        private void own(Path p) throws IOException {
                            PosixFileAttributeView view =
                                    Files.getFileAttributeView(
                                            p,
                                            PosixFileAttributeView.class,
                                            LinkOption.NOFOLLOW_LINKS);
                            view.setOwner(user);
                            view.setGroup(group);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hand " + dir + " to the build user " + name, e);
        }
    }

    /**
     * Kills every process this user still runs: whatever a build left behind, even daemons that
     * left its process group. Does nothing without a build user.
     */
    public int killAll() {
        if (name == null) {
            return 0;
        }
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().user().map(name::equals).orElse(false))
                .forEach(found::add);
        found.forEach(ProcessHandle::destroyForcibly);
        return found.size();
    }
}
