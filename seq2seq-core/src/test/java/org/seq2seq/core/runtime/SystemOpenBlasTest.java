package org.seq2seq.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which OpenBLAS the variable and the caller's default choose, and what JavaCPP is told. */
class SystemOpenBlasTest {
    @TempDir
    Path dir;

    @Test
    void theSystemsLibraryWhenThereIsOneAndTheDefaultOrTheVariableSaysSo() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Path library = Files.writeString(lib.resolve(SystemOpenBlas.LIBRARY), "");
        List<Path> dirs = List.of(empty, lib);

        assertEquals(Optional.of(library), SystemOpenBlas.library(null, true, dirs));
        assertEquals(Optional.of(library), SystemOpenBlas.library(" System ", false, dirs));
        assertEquals(Optional.empty(), SystemOpenBlas.library(null, false, dirs));
        assertEquals(Optional.empty(), SystemOpenBlas.library("bundled", true, dirs));
        assertEquals(Optional.empty(), SystemOpenBlas.library(null, true, List.of(empty)), "none there: the bundled one");
    }

    @Test
    void aWrongValueOrAMissingLibraryNamesTheVariable() {
        var wrong = assertThrows(IllegalArgumentException.class,
                () -> SystemOpenBlas.library("mkl", true, List.of(dir)));
        assertEquals("SEQ2SEQ_OPENBLAS must be system or bundled, got 'mkl'", wrong.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> SystemOpenBlas.library("system", false, List.of(dir)));
        assertTrue(missing.getMessage().startsWith("SEQ2SEQ_OPENBLAS=system, but there is no libopenblas.so.0 in"),
                missing.getMessage());
    }

    @Test
    void javaCppLoadsTheLibraryFromItsDirectoryFirstUnderItsOwnName() {
        Properties p = new Properties();
        p.setProperty("java.library.path", "/opt/x");

        SystemOpenBlas.useLibrary(Path.of("/usr/lib/x86_64-linux-gnu/libopenblas.so.0"), p);

        assertEquals("/usr/lib/x86_64-linux-gnu" + File.pathSeparator + "/opt/x", p.getProperty("java.library.path"));
        assertEquals("true", p.getProperty("org.bytedeco.javacpp.pathsFirst"));
        assertEquals("openblas@.0", p.getProperty("org.bytedeco.openblas.load"));
    }
}
