package dev.beamlink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A directory of this JVM's own under {@code parent} ({@code beamlink-<pid>-<n>}), for the files an installation's
 * processes read: compiled modules, copies of sources and option files. It is removed when the JVM exits; one left by
 * a JVM that was killed is removed by the next workspace made beside it.
 */
final class Workspace {

    private static final String PREFIX = "beamlink-";

    private final Path directory;
    private final AtomicInteger entries = new AtomicInteger();

    private Workspace(Path directory) {
        this.directory = directory;
    }

    /** {@return a new workspace under {@code parent}, after removing those of JVMs that have ended} */
    static Workspace under(Path parent) {
        try {
            Files.createDirectories(parent);
            removeAbandoned(parent);
            Path directory = Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-");
            Thread removal = new Thread(() -> deleteQuietly(directory), "remove " + directory);
            Runtime.getRuntime().addShutdownHook(removal);
            return new Workspace(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a workspace under " + parent, e);
        }
    }

    /** {@return the workspace directory} */
    Path directory() {
        return directory;
    }

    /** {@return a new, empty directory in the workspace, its name starting with {@code name}} */
    Path newDirectory(String name) {
        try {
            return Files.createDirectories(directory.resolve(name + "-" + entries.incrementAndGet()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory in " + directory, e);
        }
    }

    /** {@return a copy of {@code source} (a file, or a directory with all it holds) in a new directory of the workspace} */
    Path copy(Path source) {
        Path target = newDirectory("copy").resolve(source.getFileName().toString());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " into " + directory, e);
        }
    }

    private static void removeAbandoned(Path parent) throws IOException {
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path sibling : siblings.filter(Files::isDirectory).toList()) {
                String name = sibling.getFileName().toString();
                if (name.startsWith(PREFIX)) {
                    String[] parts = name.substring(PREFIX.length()).split("-", 2);
                    if (parts.length == 2 && parts[0].matches("[0-9]{1,10}")
                            && ProcessHandle.of(Long.parseLong(parts[0])).isEmpty()) {
                        deleteQuietly(sibling);
                    }
                }
            }
        }
    }

    /** Deletes a tree without following symbolic links out of it. */
    static void deleteQuietly(Path tree) {
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // A file another process still writes, or one already gone: what is left goes with the next clean-up.
        }
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
