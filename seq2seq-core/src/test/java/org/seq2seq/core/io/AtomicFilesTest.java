package org.seq2seq.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesAFileAndLeavesNoTemporaryBehind() throws IOException {
        Path file = dir.resolve("latest.txt");
        AtomicFiles.writeString(file, "one\n");
        AtomicFiles.writeString(file, "two\n");
        assertEquals("two\n", Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void aDirectoryAppearsWhole() throws IOException {
        Path target = dir.resolve("model");
        AtomicFiles.createDirectory(target, into -> {
            Files.writeString(into.resolve("a"), "A");
            Files.writeString(into.resolve("b"), "B");
        });
        assertEquals("A", Files.readString(target.resolve("a")));
        assertEquals("B", Files.readString(target.resolve("b")));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void aWriterThatFailsMidwayLeavesNothing() throws IOException {
        Path target = dir.resolve("model");
        IOException crash = assertThrows(IOException.class, () -> AtomicFiles.createDirectory(target, into -> {
            Files.writeString(into.resolve("a"), "A");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", crash.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), list(dir));
    }

    @Test
    void neverOverwritesADirectory() throws IOException {
        Path target = Files.createDirectory(dir.resolve("model"));
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.createDirectory(target, into -> {
        }));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void filesAndDirectoriesGetThePermissionsTheUmaskGives() throws IOException {
        var plainFile = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain.txt")));
        var plainDirectory = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("plain")));
        Path file = dir.resolve("written.txt");
        AtomicFiles.writeString(file, "x");
        assertEquals(plainFile, Files.getPosixFilePermissions(file));
        Path directory = dir.resolve("made");
        AtomicFiles.createDirectory(directory, d -> Files.writeString(d.resolve("inside.txt"), "y"));
        assertEquals(plainDirectory, Files.getPosixFilePermissions(directory));
        assertEquals(plainFile, Files.getPosixFilePermissions(directory.resolve("inside.txt")));
    }
}
