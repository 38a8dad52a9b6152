package org.seq2seq.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.seq2seq.corpora.TemporaryFiles;

/**
 * Writes by way of a temporary sibling that is flushed to disk and then renamed into place in
 * one atomic step: readers, and a run that crashed midway, see the old content or the new one,
 * never a part.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What fills a temporary directory before it is renamed into place. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void writeInto(Path directory) throws IOException;
    }

    /** Writes {@code text} (UTF-8) to {@code file}, replacing what was there atomically. */
    public static void writeString(Path file, String text) throws IOException {
        writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code file}, replacing what was there atomically. */
    public static void writeBytes(Path file, byte[] bytes) throws IOException {
        Path parent = parentOf(file);
        Path temporary = TemporaryFiles.newFile(parent, "." + file.getFileName() + ".", ".partial");
        try {
            Files.write(temporary, bytes);
            force(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            force(parent);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Creates {@code directory}, which must not exist, with the content {@code writer} puts into
     * a temporary sibling; every file is flushed to disk before the rename.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code directory} exists
     */
    public static void createDirectory(Path directory, DirectoryWriter writer) throws IOException {
        if (Files.exists(directory)) {
            throw new java.nio.file.FileAlreadyExistsException(directory.toString());
        }
        Path parent = parentOf(directory);
        Files.createDirectories(parent);
        Path temporary = TemporaryFiles.newDirectory(parent, "." + directory.getFileName() + ".");
        try {
            writer.writeInto(temporary);
            try (var files = Files.list(temporary)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    force(f);
                }
            }
            force(temporary);
            Files.move(temporary, directory, StandardCopyOption.ATOMIC_MOVE);
            force(parent);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(temporary);
            throw e;
        }
    }

    /** Deletes a file or a directory tree; nothing if it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        TemporaryFiles.deleteRecursively(path);
    }

    private static Path parentOf(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("no parent directory for " + path);
        }
        return parent;
    }

    /** Flushes a file, or a directory's entries, to the disk (best effort for directories). */
    private static void force(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException | UncheckedIOException e) {
                // Some file systems cannot sync a directory; the rename is still atomic.
            }
        } else {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
    }
}
