package org.seq2seq.corpora.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.corpora.CorpusException;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;

/** Mixing corpora: repeats, even interleaving, quoting kept, gzip, and errors naming the file. */
class CorpusMixTest {
    @TempDir
    Path dir;

    private Path csv(String name, int pairs, String prefix) throws IOException {
        StringBuilder sb = new StringBuilder("source,target\n");
        for (int i = 0; i < pairs; i++) {
            sb.append('"').append(prefix).append(i).append(", \"\"quoted\"\"\",").append(prefix).append(i)
                    .append(" target\n");
        }
        return Files.writeString(dir.resolve(name), sb.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void repeatsEachPartAndKeepsTheProportionsInEveryStretch() throws IOException {
        Path small = csv("small.csv", 10, "s");
        Path large = csv("large.csv", 60, "l");
        Path out = dir.resolve("mix.csv.gz");
        List<Long> progress = new ArrayList<>();
        MixReport report = new CorpusMix(List.of(new MixPart(small, CorpusFormat.csv(), 2),
                new MixPart(large, CorpusFormat.csv(), 1))).write(out, progress::add);

        assertEquals(List.of(10L, 60L), report.pairsPerPart());
        assertEquals(80, report.written());
        assertEquals(List.of(80L), progress);
        List<SentencePair> pairs = CorpusReader.readAll(out, CorpusFormat.csv());
        assertEquals(80, pairs.size());
        // every small pair twice, every large pair once, text and quotes intact
        for (int i = 0; i < 10; i++) {
            SentencePair p = new SentencePair("s" + i + ", \"quoted\"", "s" + i + " target");
            assertEquals(2, pairs.stream().filter(p::equals).count(), p.toString());
        }
        for (int i = 0; i < 60; i++) {
            SentencePair p = new SentencePair("l" + i + ", \"quoted\"", "l" + i + " target");
            assertEquals(1, pairs.stream().filter(p::equals).count(), p.toString());
        }
        // 20 of 80 are small: in every prefix the small count is within one of a quarter
        int smallSoFar = 0;
        for (int n = 1; n <= pairs.size(); n++) {
            if (pairs.get(n - 1).source().startsWith("s")) {
                smallSoFar++;
            }
            assertTrue(Math.abs(smallSoFar - n / 4.0) <= 1.0, "after " + n + " pairs: " + smallSoFar + " small");
        }
        // the second copy of the small corpus starts after the first ends
        List<String> smallOrder = pairs.stream().map(SentencePair::source).filter(s -> s.startsWith("s")).toList();
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "s" + (i % 10) + ", \"quoted\"").toList(), smallOrder);
    }

    @Test
    void readsEachPartInItsOwnFormatAndWritesCsvWithAHeader() throws IOException {
        Path tsv = Files.writeString(dir.resolve("a.tsv"), "Hallo\tHello\nTschüss\tBye\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("mix.csv");
        new CorpusMix(List.of(new MixPart(tsv, CorpusFormat.tsv(), 1))).write(out, n -> { });
        assertEquals("source,target\nHallo,Hello\nTschüss,Bye\n", Files.readString(out));
    }

    @Test
    void anEmptyOrBadPartNamesItsFileAndLeavesNoOutput() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "source,target\n", StandardCharsets.UTF_8);
        Path good = csv("good.csv", 3, "g");
        Path out = dir.resolve("mix.csv");
        CorpusException e = assertThrows(CorpusException.class, () -> new CorpusMix(List.of(
                new MixPart(good, CorpusFormat.csv(), 1), new MixPart(empty, CorpusFormat.csv(), 1))).write(out,
                n -> { }));
        assertEquals(empty + ": holds no sentence pairs to mix", e.getMessage());

        Path bad = Files.writeString(dir.resolve("bad.csv"), "source,target\nein,one\nzwei\n", StandardCharsets.UTF_8);
        CorpusException b = assertThrows(CorpusException.class, () -> new CorpusMix(List.of(
                new MixPart(bad, CorpusFormat.csv(), 1))).write(out, n -> { }));
        assertTrue(b.getMessage().startsWith(bad + ": record 2"), b.getMessage());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")));
        }
        assertThrows(IllegalArgumentException.class, () -> new MixPart(good, CorpusFormat.csv(), 0));
    }
}
