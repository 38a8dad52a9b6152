package org.seq2seq.corpora;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Checks of where a command will write, made before it reads its inputs, so that a directory that
 * cannot be written fails in a second with its name instead of after an hour of work.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Checks that {@code directory} (which may not exist yet) can be made and written: a file can
     * be created in it, or, if it does not exist, in its nearest existing ancestor. The probe file
     * is deleted again; nothing else is created.
     *
     * @param directory where the command will write
     * @param what      what the directory is, for the message (e.g. "the output directory")
     * @throws IllegalArgumentException naming the directory, the ancestor that refused and why
     */
    public static void requireWritableDirectory(Path directory, String what) {
        Path existing = directory.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalArgumentException(directory + ": " + what + " cannot be created (no existing parent)");
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(directory + ": " + what + " cannot be created: " + existing
                    + " is a file");
        }
        try {
            Files.delete(TemporaryFiles.newFile(existing, ".seq2seq-write-test-", ""));
        } catch (IOException e) {
            throw new IllegalArgumentException(directory + ": " + what + " cannot be written: no new file can be made in "
                    + existing + " (" + reason(e) + ")");
        }
    }

    /**
     * Why a file operation failed, in words: the operating system's reason where Java keeps one,
     * else the kind of failure ({@code AccessDeniedException} carries no reason: "permission denied").
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
