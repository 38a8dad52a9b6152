package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathsTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryToBeMadeUnderAWritableOneLeavesNothingBehind() throws IOException {
        OutputPaths.requireWritableDirectory(dir.resolve("a/b/c"), "the output directory");
        OutputPaths.requireWritableDirectory(dir, "the output directory");
        try (var entries = Files.list(dir)) {
            assertEquals(0, entries.count(), "the probe file is deleted and no directory is made");
        }
    }

    @Test
    void aFileInTheWayAndAnUnwritablePlaceAreNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputPaths.requireWritableDirectory(file.resolve("run"), "the output directory"));
        assertEquals(file.resolve("run") + ": the output directory cannot be created: " + file + " is a file",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OutputPaths.requireWritableDirectory(Path.of("/sys/x"), "the output directory"));
        assertEquals("/sys/x: the output directory cannot be written: no new file can be made in /sys "
                + "(permission denied)", e.getMessage());
    }

    @Test
    void reasonsAreWords() {
        assertEquals("permission denied", OutputPaths.reason(new AccessDeniedException("/a")));
        assertEquals("no such file or directory", OutputPaths.reason(new NoSuchFileException("/a")));
        assertEquals("Read-only file system", OutputPaths.reason(new FileSystemException("/a", null,
                "Read-only file system")));
    }
}
