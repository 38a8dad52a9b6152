package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.evaluation.metrics.Bleu;
import org.seq2seq.evaluation.metrics.BleuScore;
import org.seq2seq.evaluation.metrics.ChrF;
import org.seq2seq.evaluation.metrics.SacreBleuVectors;
import org.seq2seq.evaluation.metrics.Smoothing;

/** The file scorer, {@code seq2seq score}, on every sacreBLEU vector and on bad input. */
class ScoreCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyVectorThroughFiles() throws IOException {
        return SacreBleuVectors.cases().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            Path caseDir = Files.createDirectories(dir.resolve(c.id()));
            Path hyp = Files.write(caseDir.resolve("hyp.txt"), c.hypotheses(), StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of("score", "-i", hyp.toString(), "--json"));
            for (int k = 0; k < c.references().size(); k++) {
                args.add(Files.write(caseDir.resolve("ref" + k + ".txt"), c.references().get(k),
                        StandardCharsets.UTF_8).toString());
            }
            Bleu bleu = c.bleu();
            args.addAll(List.of("--tokenize", bleu.tokenizer().signatureName(), "--smooth",
                    bleu.smoothing().method().signatureName(), "--smooth-value",
                    Double.toString(bleu.smoothing().value())));
            if (bleu.lowercase()) {
                args.add("--lowercase");
            }
            if (c.sentence()) {
                args.add("--sentence-level");
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            JsonNode result = JSON.readTree(run.out());
            SacreBleuVectors.assertMatches(c, JSON.treeToValue(result.get("bleu"), BleuScore.class),
                    JSON.treeToValue(result.get("chrf"), ChrF.Score.class));
        }));
    }

    @Test
    void printsLikeSacreBleuWithoutJson() throws IOException {
        Path hyp = Files.writeString(dir.resolve("hyp.txt"), "a cat sat on the mat\n");
        Path ref = Files.writeString(dir.resolve("ref.txt"), "the cat sat on the mat\n");
        CliRun run = CliRun.of("score", "-i", hyp.toString(), ref.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("BLEU = 75.98 83.3/80.0/75.0/66.7 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)  "
                + "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", lines[0]);
        assertTrue(lines[1].startsWith("chrF2 = "), lines[1]);
    }

    /**
     * A reference file with an empty line (a missing translation in a test set) is scored as
     * sacreBLEU 2.6.0 scores it: the empty line is a reference of no words. Worked out by hand:
     * "dog" is measured against length 0 and matches nothing, so BLEU = 100 (6/7)^(1/4) with
     * 7 hypothesis and 6 reference tokens; chrF leaves out the n-grams of a segment whose reference
     * has none, so only the identical first line counts. {@code sacrebleu ref.txt -i hyp.txt -m bleu
     * chrf} printed the same two lines.
     */
    @Test
    void anEmptyReferenceLineIsAReferenceOfNoWordsAsInSacreBleu() throws IOException {
        Path hyp = Files.writeString(dir.resolve("hyp.txt"), "the cat sat on the mat\ndog\n");
        Path ref = Files.writeString(dir.resolve("ref.txt"), "the cat sat on the mat\n\n");
        CliRun run = CliRun.of("score", "-i", hyp.toString(), ref.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("BLEU = 96.22 85.7/100.0/100.0/100.0 (BP = 1.000 ratio = 1.167 hyp_len = 7 ref_len = 6)  "
                + "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", lines[0]);
        assertTrue(lines[1].startsWith("chrF2 = 100.00 "), lines[1]);
    }

    /**
     * {@code --lowercase} lowercases Greek as Python does: Σ before a hyphen or a dash is final
     * (ς), so "ΝΕΑΣ-ΥΟΡΚΗΣ" and "ΤΟΥΣ—ΟΛΟΙ" match the references' "νεας-υορκης" and "τους—ολοι",
     * which 13a keeps whole: all 8 tokens and every n-gram match ({@code sacrebleu -lc}: 100.0).
     */
    @Test
    void lowercaseMakesGreekSigmaFinalAsPythonDoes() throws IOException {
        Path hyp = Files.writeString(dir.resolve("hyp.txt"), "ΤΑ ΝΕΑ ΤΗΣ ΝΕΑΣ-ΥΟΡΚΗΣ\nΟΙ ΦΙΛΟΙ ΤΟΥΣ—ΟΛΟΙ ΜΑΖΙ\n");
        Path ref = Files.writeString(dir.resolve("ref.txt"), "τα νεα της νεας-υορκης\nοι φιλοι τους—ολοι μαζι\n");
        CliRun run = CliRun.of("score", "-i", hyp.toString(), ref.toString(), "--lowercase", "--metrics", "bleu");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("BLEU = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 8 ref_len = 8)  "
                + "nrefs:1|case:lc|eff:no|tok:13a|smooth:exp|version:2.6.0", run.out().strip());
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws IOException {
        Path hyp = Files.writeString(dir.resolve("hyp.txt"), "a\nb\nc\n");
        Path ref = Files.writeString(dir.resolve("ref.txt"), "a\nb\n");
        CliRun mismatch = CliRun.of("score", "-i", hyp.toString(), ref.toString());
        assertEquals(Seq2SeqCli.USAGE_ERROR, mismatch.exitCode());
        assertEquals("error: " + hyp + " has 3 lines but " + ref + " has 2", mismatch.err().strip());

        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        CliRun nothing = CliRun.of("score", "-i", empty.toString(), empty.toString());
        assertEquals(Seq2SeqCli.USAGE_ERROR, nothing.exitCode());
        assertEquals("error: the corpus is empty: no hypotheses to score", nothing.err().strip());

        CliRun tokenizer = CliRun.of("score", "-i", hyp.toString(), hyp.toString(), "--tokenize", "ja-mecab");
        assertEquals(Seq2SeqCli.USAGE_ERROR, tokenizer.exitCode());
        assertEquals("error: unknown BLEU tokenizer 'ja-mecab' (known: 13a, intl, zh, none)", tokenizer.err().strip());
        CliRun zh = CliRun.of("score", "-i", hyp.toString(), hyp.toString(), "--tokenize", "zh");
        assertEquals(0, zh.exitCode(), zh.err());
        assertTrue(zh.out().contains("tok:zh"), zh.out());

        CliRun missing = CliRun.of("score", "-i", dir.resolve("nope.txt").toString(), hyp.toString());
        assertEquals(Seq2SeqCli.USAGE_ERROR, missing.exitCode());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("nope.txt"), missing.err());
        assertEquals(Smoothing.Method.EXP, Smoothing.of("exp").method());
    }
}
