package org.seq2seq.decoder.shortlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShortlistFileTest {
    @TempDir
    Path dir;

    @Test
    void aSavedShortlistLoadsEqual() throws IOException {
        Shortlist shortlist = new Shortlist(50, new int[] {7, 5, 9}, new int[][] {{}, {}, {}, {}, {12, 40}, {49}});
        Path file = dir.resolve("shortlist.bin");
        ShortlistFile.save(shortlist, file);
        assertEquals(shortlist, ShortlistFile.load(file));
        assertEquals(4 * (4 + 1 + 3 + 6 + 3), Files.size(file));
    }

    @Test
    void aDamagedFileIsAnErrorNamingIt() throws IOException {
        Shortlist shortlist = new Shortlist(50, new int[] {7}, new int[][] {{}, {}, {}, {}, {12, 40}});
        Path file = dir.resolve("shortlist.bin");
        ShortlistFile.save(shortlist, file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 2));
        assertEquals(file + ": truncated", assertThrows(IOException.class, () -> ShortlistFile.load(file)).getMessage());
        bytes[bytes.length - 1] = 60;                                   // target id 60 in a vocabulary of 50
        Files.write(file, bytes);
        assertEquals(file + ": translations of source token 4 has the target id 60, outside [0, 50)",
                assertThrows(IOException.class, () -> ShortlistFile.load(file)).getMessage());
        Files.writeString(file, "hello, world");
        assertEquals(file + ": not a shortlist (no S2SL at its start)",
                assertThrows(IOException.class, () -> ShortlistFile.load(file)).getMessage());
    }
}
