package org.seq2seq.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Path file = Files.writeString(lib.resolve("libopenblasp-r0.3.21.so"), "");
        Path library = Files.createSymbolicLink(lib.resolve(SystemOpenBlas.LIBRARY), file.getFileName());
        List<Path> dirs = List.of(empty, lib);

        assertEquals(Optional.of(library), SystemOpenBlas.library(null, true, dirs));
        assertEquals(Optional.of(library), SystemOpenBlas.library(" System ", false, dirs));
        assertEquals(Optional.empty(), SystemOpenBlas.library(null, false, dirs));
        assertEquals(Optional.empty(), SystemOpenBlas.library("bundled", true, dirs));
        assertEquals(Optional.empty(), SystemOpenBlas.library(null, true, List.of(empty)), "none there: the bundled one");
    }

    @Test
    void byDefaultOnlyALibraryWhoseNameSaysItIsNoOlderThanTheBundledOne() throws Exception {
        assertTrue(recentEnough("libopenblasp-r0.3.21.so"));
        assertTrue(recentEnough("libopenblas-r0.3.19.so"));
        assertTrue(recentEnough("libopenblaso-r0.4.0.so"));
        assertTrue(recentEnough("libopenblasp-r1.0.2.so"));
        assertFalse(recentEnough("libopenblasp-r0.3.18.so"));
        assertFalse(recentEnough("libopenblas-r0.2.20.so"));
        assertFalse(recentEnough("libopenblas.so"), "a name without a version");

        Path old = Files.createDirectory(dir.resolve("old"));
        Files.createSymbolicLink(old.resolve(SystemOpenBlas.LIBRARY),
                Files.writeString(old.resolve("libopenblasp-r0.3.13.so"), "").getFileName());
        assertEquals(Optional.empty(), SystemOpenBlas.library(null, true, List.of(old)));
        assertEquals(Optional.of(old.resolve(SystemOpenBlas.LIBRARY)), SystemOpenBlas.library("system", true, List.of(old)),
                "asked for, it is taken whatever its version");
    }

    private boolean recentEnough(String name) throws Exception {
        Path d = Files.createTempDirectory(dir, "v");
        Files.createSymbolicLink(d.resolve(SystemOpenBlas.LIBRARY), Files.writeString(d.resolve(name), "").getFileName());
        return SystemOpenBlas.recentEnough(d.resolve(SystemOpenBlas.LIBRARY));
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
