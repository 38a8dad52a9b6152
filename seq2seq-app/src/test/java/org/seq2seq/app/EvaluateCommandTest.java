package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.toy.TinyModel;

/** {@code seq2seq evaluate} on the tiny model and its held-out sentences. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    @Test
    void evaluatesASavedModelOnATestCorpus() throws IOException {
        Path model = TinyModel.copyTo(dir.resolve("model"));
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("test.csv"));
        Path out = dir.resolve("eval");

        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        CliRun run;
        try {
            run = CliRun.of("evaluate", model.toString(), corpus.toString(), out.toString(), "--beam", "3");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, run.exitCode(), run.err());
        String everything = run.out() + run.err() + log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, everything.split("BLEU = ", -1).length - 1, "BLEU printed once:\n" + everything);
        assertTrue(run.out().startsWith("BLEU = 100.00 100.0/100.0/100.0/100.0"), run.out());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(36, report.get("sentences").asInt());
        assertEquals(100.0, report.get("bleu").get("score").asDouble(), 1e-9, report.toString());
        assertEquals(36, Files.readAllLines(out.resolve("hypotheses.txt")).size());
        assertEquals(37, Files.readAllLines(out.resolve("sentences.tsv")).size());

        CliRun notAModel = CliRun.of("evaluate", dir.toString(), corpus.toString(), out.toString());
        assertEquals(Seq2SeqCli.USAGE_ERROR, notAModel.exitCode());
        assertTrue(notAModel.err().contains("manifest.json is missing"), notAModel.err());
    }
}
