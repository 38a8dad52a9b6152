package org.seq2seq.corpora;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Temporary files and directories beside their final place (for writes that end in a rename),
 * created with the permissions the process's umask gives, as any other file the program writes.
 * {@code Files.createTempFile} and {@code createTempDirectory} make them 0600 and 0700 whatever
 * the umask, and a rename keeps that: saved models were unreadable to a user's group.
 */
public final class TemporaryFiles {
    private TemporaryFiles() {
    }

    /** A new empty file {@code directory/prefix<random>suffix}. */
    public static Path newFile(Path directory, String prefix, String suffix) throws IOException {
        while (true) {
            try {
                return Files.createFile(directory.resolve(name(prefix, suffix)));
            } catch (FileAlreadyExistsException taken) {
                // another name
            }
        }
    }

    /** A new empty directory {@code directory/prefix<random>}. */
    public static Path newDirectory(Path directory, String prefix) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(directory.resolve(name(prefix, "")));
            } catch (FileAlreadyExistsException taken) {
                // another name
            }
        }
    }

    /**
     * Writes {@code text} as UTF-8 to {@code file} by way of a temporary sibling moved into place,
     * so a reader never sees half of it; makes the parent directories.
     */
    public static void writeUtf8(Path file, CharSequence text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = newFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes a file or a directory tree; nothing if it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String name(String prefix, String suffix) {
        return prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix;
    }
}
