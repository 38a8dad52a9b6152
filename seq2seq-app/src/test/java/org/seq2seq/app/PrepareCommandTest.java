package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.corpora.vocab.Vocabulary;

class PrepareCommandTest {
    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        Path file = dir.resolve("tiny.csv");
        Files.writeString(file, "source,target\n"
                + "Ein Hund läuft.,A dog runs.\n"
                + "Ein Hund schläft.,A dog sleeps.\n"
                + "\"Eine Katze, klein.\",\"A cat, small.\"\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void writesBothVocabulariesAndReports() throws IOException {
        Path out = dir.resolve("prepared");
        CliRun r = CliRun.of("prepare", corpus().toString(), out.toString(), "--min-freq", "2", "--batch-size", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", ".", "Ein", "Hund"),
                Vocabulary.load(out.resolve("source.vocab")).tokens());
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", ".", "A", "dog"),
                Vocabulary.load(out.resolve("target.vocab")).tokens());
        assertTrue(r.out().contains("tiny.csv: 3 pairs"), r.out());
        assertTrue(r.out().contains("source: 13 tokens, 9 distinct; vocabulary of 7 (min freq 2) covers 53.85% of tokens"),
                r.out());
        assertTrue(r.out().contains("batches of 2, bucketed by length in pools of 2000: 2 batches"), r.out());
    }

    /** A 1 MB line over --max-length: left out of the vocabularies, the lengths and the batches alike. */
    @Test
    void aPairOverMaxLengthCountsNowhere() throws IOException {
        Path file = corpus();
        String huge = "Riesig ".repeat(150_000);
        Files.writeString(file, Files.readString(file) + huge + ",huge\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("prepared");
        CliRun r = CliRun.of("prepare", file.toString(), out.toString(), "--min-freq", "1", "--batch-size", "2",
                "--max-length", "5");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.size(file) > 1_000_000);
        assertTrue(!Vocabulary.load(out.resolve("source.vocab")).tokens().contains("Riesig"), "dropped line counted");
        assertTrue(r.out().contains("tiny.csv: 4 pairs"), r.out());
        assertTrue(r.out().contains("source: 13 tokens, 9 distinct"), r.out());
        assertTrue(r.out().contains("lengths of the 3 pairs within --max-length 5: source up to 5 tokens, target up "
                + "to 5 (mean 4.3 and 4.3)"), r.out());
        assertTrue(r.out().contains("1 pairs dropped over 5 tokens"), r.out());

        CliRun none = CliRun.of("prepare", file.toString(), dir.resolve("none").toString(), "--max-length", "1");
        assertEquals(2, none.exitCode());
        assertEquals("error: " + file + ": none of its 4 pairs has at most 1 tokens on both sides (--max-length)"
                + System.lineSeparator(), none.err());
        assertTrue(!Files.exists(dir.resolve("none")));
    }

    @Test
    void aMissingFileIsOneLineAndExitCode2() {
        Path missing = dir.resolve("missing.csv");
        CliRun r = CliRun.of("prepare", missing.toString(), dir.resolve("out").toString());
        assertEquals(2, r.exitCode());
        assertEquals("error: " + missing + ": no such file" + System.lineSeparator(), r.err());
    }

    @Test
    void aBadColumnNameIsOneLineAndExitCode2() throws IOException {
        CliRun r = CliRun.of("prepare", corpus().toString(), dir.resolve("out").toString(), "--source-column", "de");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + corpus() + ": line 1: header row: the header has no column 'de'"),
                r.err());
    }

    @Test
    void anOptionOutOfRangeIsExitCode2() throws IOException {
        CliRun r = CliRun.of("prepare", corpus().toString(), dir.resolve("out").toString(), "--min-freq", "0");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void verbosePrintsTheStackTrace() {
        CliRun r = CliRun.of("prepare", dir.resolve("missing.csv").toString(), dir.resolve("out").toString(),
                "--verbose");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("at org.seq2seq.corpora.CorpusReader.open"), r.err());
    }
}
