package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;

/** {@code seq2seq mix}: a mixed corpus that {@code train} reads, and one-line errors with exit code 2. */
class MixCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheRepeatedCorporaInterleavedAndSaysHowMany() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "source,target\nEin Hund.,A dog.\n", StandardCharsets.UTF_8);
        Path b = Files.writeString(dir.resolve("b.tsv"), "Hallo\tHello\nDanke\tThanks\nJa\tYes\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("mix.csv.gz");
        CliRun run = CliRun.of("mix", a.toString(), b.toString(), "--repeat", "3,1", "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains(a + ": 1 pairs x 3"), run.err());
        assertTrue(run.err().contains(b + ": 3 pairs x 1"), run.err());
        assertTrue(run.err().contains("wrote 6 pairs to " + out), run.err());
        List<SentencePair> pairs = CorpusReader.readAll(out, CorpusFormat.csv());
        SentencePair dog = new SentencePair("Ein Hund.", "A dog.");
        assertEquals(List.of(dog, new SentencePair("Hallo", "Hello"), dog, new SentencePair("Danke", "Thanks"), dog,
                new SentencePair("Ja", "Yes")), pairs);
    }

    @Test
    void badOptionsAndFilesAreOneLineWithExitCode2BeforeAnythingIsWritten() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "source,target\nEin Hund.,A dog.\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("mix.csv");
        assertError("error: --repeat gives 2 number(s) for 1 corpora: give one per corpus, in their order",
                "mix", a.toString(), "--repeat", "2,1", "-o", out.toString());
        assertError("error: --repeat (for " + a + ") must be at least 1, got 0", "mix", a.toString(), "--repeat",
                "0", "-o", out.toString());
        assertError("error: " + dir.resolve("missing.csv") + ": no such file", "mix", a.toString(),
                dir.resolve("missing.csv").toString(), "-o", out.toString());
        Path broken = Files.writeString(dir.resolve("broken.csv"), "source,target\nein,one\nzwei\n",
                StandardCharsets.UTF_8);
        CliRun bad = CliRun.of("mix", a.toString(), broken.toString(), "-o", out.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("error: " + broken + ": record 2"), bad.err());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertFalse(Files.exists(out));
        assertError("error: " + a + ": --output is one of the corpora being mixed", "mix", a.toString(), "-o",
                a.toString());
    }

    private static void assertError(String line, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(line, run.err().strip());
    }
}
