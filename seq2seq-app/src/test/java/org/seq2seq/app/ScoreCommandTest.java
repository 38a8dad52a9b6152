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
