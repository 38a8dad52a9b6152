package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming, proven: a generated corpus of a million rows, several times the size of the heap,
 * is read completely. Runs in its own Surefire execution with {@code -Xmx64m} (see the module's
 * POM); it checks that the limit is in force, so it cannot pass by accident in a big JVM.
 */
class CorpusReaderSmallHeapTest {
    private static final int ROWS = 1_000_000;
    private static final long HEAP_LIMIT = 100L << 20;

    @TempDir
    Path dir;

    private static String source(int i) {
        String s = "Zeile " + i + ": Ein Mädchen läuft über die Straße und grüßt den Hund Nummer " + (i % 97);
        return switch (i % 1000) {
            case 7 -> s + ", sagt \"er\"";        // quoted: comma and doubled quotes
            case 11 -> s + "\nzweite Zeile";     // quoted: a line break inside the field
            default -> s;
        };
    }

    private static String target(int i) {
        return "Line " + i + ": A girl runs across the street and greets dog number " + (i % 97) + ".";
    }

    @Test
    void readsAMillionRowsInASmallHeap() throws IOException {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= HEAP_LIMIT, "this test must run with a small heap (the 'small-heap' Surefire "
                + "execution sets -Xmx64m), but the heap may grow to " + (maxHeap >> 20) + " MB");

        Path file = dir.resolve("million.csv");
        long expectedChars = 0;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader("source", "target").build())) {
            for (int i = 0; i < ROWS; i++) {
                String s = source(i);
                String t = target(i);
                printer.printRecord(s, t);
                expectedChars += s.length() + t.length();
            }
        }
        long bytes = Files.size(file);
        System.out.printf("generated %,d rows, %,d bytes; heap limit %,d MB%n", ROWS, bytes, maxHeap >> 20);
        assertTrue(bytes > 2 * maxHeap, "the corpus must be far bigger than the heap: " + bytes + " bytes");

        long pairs = 0;
        long chars = 0;
        long start = System.nanoTime();
        try (CorpusReader reader = CorpusReader.open(file, CorpusFormat.csv())) {
            for (SentencePair pair : reader) {
                if (pairs == 777_011 || pairs == 123_007) {
                    assertEquals(new SentencePair(source((int) pairs), target((int) pairs)), pair);
                }
                chars += pair.source().length() + pair.target().length();
                pairs++;
            }
            assertEquals(ROWS, reader.report().pairs());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("read %,d pairs in %.1f s (%.0f MB/s) with at most %d MB of heap%n",
                pairs, seconds, bytes / seconds / 1e6, maxHeap >> 20);
        assertEquals(ROWS, pairs);
        assertEquals(expectedChars, chars);
    }
}
