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
import org.seq2seq.corpora.bpe.BpeCodes;
import org.seq2seq.corpora.bpe.BpeLearner;
import org.seq2seq.corpora.bpe.BpeSegmenter;

/** {@code seq2seq bpe learn|apply|join} on files and standard streams. */
class BpeCommandTest {
    private static final List<String> TEXT = List.of(
            "der Hund läuft über die Wiese .", "die Hunde laufen über die Wiesen .",
            "ein Hund und eine Katze spielen .", "die Katzen spielen im Garten .",
            "the dog runs over the meadow .", "the dogs run over the meadows .",
            "a dog and a cat are playing .", "the cats are playing in the garden .");

    @TempDir
    Path dir;

    private Path text() throws IOException {
        return Files.write(dir.resolve("text.txt"), TEXT, StandardCharsets.UTF_8);
    }

    @Test
    void learnsAppliesAndJoinsAsTheLibraryDoes() throws IOException {
        Path codes = dir.resolve("codes.bpe");
        CliRun learn = CliRun.of("bpe", "learn", "-s", "30", text().toString(), "-o", codes.toString());
        assertEquals(0, learn.exitCode(), learn.err());
        BpeCodes expected = new BpeLearner(30, 2).learn(BpeLearner.countWords(TEXT));
        assertEquals(expected.text(), Files.readString(codes));
        assertTrue(learn.err().startsWith("learned 30 merges from 57 words (34 distinct) in "), learn.err());

        Path segmented = dir.resolve("segmented.txt");
        CliRun apply = CliRun.of("bpe", "apply", "-c", codes.toString(), "-i", text().toString(), "-o",
                segmented.toString());
        assertEquals(0, apply.exitCode(), apply.err());
        BpeSegmenter segmenter = new BpeSegmenter(expected);
        List<String> lines = Files.readAllLines(segmented);
        assertEquals(TEXT.stream().map(segmenter::segmentLine).toList(), lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("@@ ")), "some words are split: " + lines);

        CliRun join = CliRun.withInput(Files.readAllBytes(segmented), "bpe", "join");
        assertEquals(0, join.exitCode(), join.err());
        assertEquals(TEXT, join.out().lines().toList());
    }

    @Test
    void learnsFromBothSidesOfACorpusWithTheWordTokenizer() throws IOException {
        Path corpus = Files.writeString(dir.resolve("pairs.csv"), "source,target\n\"Der Hund, der läuft.\",\"The dog "
                + "that runs.\"\nDie Hunde laufen.,The dogs run.\n", StandardCharsets.UTF_8);
        CliRun learn = CliRun.of("bpe", "learn", "-s", "5", "--tokenize", corpus.toString());
        assertEquals(0, learn.exitCode(), learn.err());
        BpeCodes expected = new BpeLearner(5, 2).learn(BpeLearner.countWords(List.of("Der Hund , der läuft .",
                "The dog that runs .", "Die Hunde laufen .", "The dogs run .")));
        assertEquals(expected.text(), learn.out());
        CliRun apply = CliRun.withInput("Der Hund läuft.\n".getBytes(StandardCharsets.UTF_8), "bpe", "apply", "-c",
                Files.writeString(dir.resolve("c.bpe"), learn.out()).toString(), "--tokenize");
        assertEquals(String.join(" ", new BpeSegmenter(expected).segment(List.of("Der", "Hund", "läuft", "."))),
                apply.out().strip());
    }

    @Test
    void badCodesAndOptionsAreOneLineBeforeAnythingIsWritten() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.bpe"), "#version: 0.2\na b\nc d e\n");
        Path out = dir.resolve("out.txt");
        CliRun apply = CliRun.of("bpe", "apply", "-c", bad.toString(), "-i", text().toString(), "-o", out.toString());
        assertEquals(2, apply.exitCode());
        assertEquals("error: " + bad + ": line 3: a merge is two symbols separated by one space, got 'c d e'",
                apply.err().strip());
        assertFalse(Files.exists(out));
        Path missing = dir.resolve("missing.bpe");
        assertEquals("error: " + missing + ": no such BPE codes file", CliRun.of("bpe", "apply", "-c",
                missing.toString(), "-i", text().toString()).err().strip());
        CliRun zero = CliRun.of("bpe", "learn", "-s", "0", text().toString());
        assertEquals(2, zero.exitCode());
        assertEquals("error: --merges must be at least 1, got 0", zero.err().strip());
        CliRun noInput = CliRun.of("bpe", "learn", dir.resolve("nothing.txt").toString());
        assertEquals("error: " + dir.resolve("nothing.txt") + ": no such file", noInput.err().strip());
    }
}
