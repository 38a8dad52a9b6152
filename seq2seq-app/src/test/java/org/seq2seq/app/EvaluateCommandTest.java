package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.toy.TrainedReversal;
import org.seq2seq.corpora.batch.EncodedPair;

/** {@code seq2seq evaluate} on the trained reversal model and held-out sequences. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    @Test
    void evaluatesASavedModelOnATestCorpus() throws IOException {
        Path model = dir.resolve("model");
        ModelDirectory.save(TrainedReversal.model(), model);
        StringBuilder csv = new StringBuilder("source,target\n");
        for (EncodedPair p : TrainedReversal.task().heldOut.subList(0, 100)) {
            csv.append(TrainedReversal.words(p.source())).append(',').append(TrainedReversal.words(p.target()))
                    .append('\n');
        }
        Path corpus = Files.writeString(dir.resolve("test.csv"), csv, StandardCharsets.UTF_8);
        Path out = dir.resolve("eval");

        CliRun run = CliRun.of("evaluate", model.toString(), corpus.toString(), out.toString(), "--beam", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("BLEU = "), run.out());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(100, report.get("sentences").asInt());
        assertTrue(report.get("bleu").get("score").asDouble() > 95, report.toString());
        assertEquals(100, Files.readAllLines(out.resolve("hypotheses.txt")).size());
        assertEquals(101, Files.readAllLines(out.resolve("sentences.tsv")).size());

        CliRun notAModel = CliRun.of("evaluate", dir.toString(), corpus.toString(), out.toString());
        assertEquals(Seq2SeqCli.USAGE_ERROR, notAModel.exitCode());
        assertTrue(notAModel.err().contains("manifest.json is missing"), notAModel.err());
    }
}
