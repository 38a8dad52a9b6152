package org.seq2seq.evaluation.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.corpora.Column;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.evaluation.metrics.Bleu;

class EvaluationRunTest {
    @TempDir
    Path dir;

    /** A word-by-word dictionary "translator". */
    private static final Map<String, String> WORDS = Map.of("ein", "a", "hund", "dog", "läuft", "runs",
            "eine", "a", "katze", "cat", "schläft", "sleeps", ".", ".");

    private static List<String> translate(List<String> batch) {
        List<String> out = new ArrayList<>();
        for (String sentence : batch) {
            List<String> words = new ArrayList<>();
            for (String w : sentence.toLowerCase().replace(".", " .").split(" +")) {
                words.add(WORDS.getOrDefault(w, w));
            }
            out.add(String.join(" ", words).replace(" .", "."));
        }
        return out;
    }

    private Path corpus() throws IOException {
        Path file = dir.resolve("test.csv");
        Files.writeString(file, "source,target,second\n"
                + "Ein Hund läuft.,a dog runs.,A dog is running.\n"
                + "Eine Katze schläft.,a cat sleeps.,A cat is sleeping.\n"
                + "Ein Hund schläft.,the dog sleeps.,A dog is asleep.\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Rows sharing a source make one sentence with their targets as references, as in Tatoeba's test set. */
    @Test
    void pairsGroupedBySourceAreOneSentenceWithSeveralReferences() throws IOException {
        Path grouped = Files.writeString(dir.resolve("grouped.csv"), "source,target\n"
                + "Ein Hund läuft.,the dog runs.\n"
                + "Eine Katze schläft.,a cat sleeps.\n"
                + "Ein Hund läuft.,a dog runs.\n"
                + "Ein Hund läuft.,a dog is running.\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("grouped-eval");
        EvaluationReport report = new EvaluationRun(EvaluationRunTest::translate, Bleu.corpusDefaults(), 2)
                .groupBySource(true).run(grouped, CorpusFormat.csv(), List.of(), out);
        assertEquals(List.of("a dog runs.", "a cat sleeps."), Files.readAllLines(out.resolve(EvaluationRun.HYPOTHESES)));
        assertEquals(2, report.sentences());
        assertEquals(3, report.references());
        assertEquals(100.0, report.bleu().score(), 1e-9, "each hypothesis matches one of its references");
        assertTrue(report.bleu().signature().startsWith("nrefs:var|"), report.bleu().signature());
        Bleu bleu = Bleu.corpusDefaults();
        assertEquals(bleu.corpusScore(List.of("a dog runs.", "a cat sleeps."), List.of(
                        List.of("the dog runs.", "a cat sleeps."), Arrays.asList("a dog runs.", null),
                        Arrays.asList("a dog is running.", null))).score(), report.bleu().score(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new EvaluationRun(EvaluationRunTest::translate, bleu, 2)
                .groupBySource(true).run(grouped, CorpusFormat.csv(), List.of(Column.named("target")), out));
    }

    @Test
    void writesHypothesesReportAndSentencesWorstFirst() throws IOException {
        Path out = dir.resolve("eval");
        EvaluationReport report = new EvaluationRun(EvaluationRunTest::translate, Bleu.corpusDefaults(), 2)
                .run(corpus(), CorpusFormat.csv(), List.of(Column.named("target"), Column.named("second")), out);

        assertEquals(List.of("a dog runs.", "a cat sleeps.", "a dog sleeps."),
                Files.readAllLines(out.resolve(EvaluationRun.HYPOTHESES)));
        assertEquals(3, report.sentences());
        assertEquals(2, report.references());
        List<String> hyps = Files.readAllLines(out.resolve(EvaluationRun.HYPOTHESES));
        assertEquals(Bleu.corpusDefaults().corpusScore(hyps, List.of(
                List.of("a dog runs.", "a cat sleeps.", "the dog sleeps."),
                List.of("A dog is running.", "A cat is sleeping.", "A dog is asleep."))).score(),
                report.bleu().score(), 1e-12);
        assertEquals("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", report.bleu().signature());

        JsonNode json = new ObjectMapper().readTree(out.resolve(EvaluationRun.REPORT).toFile());
        assertEquals(report.bleu().score(), json.get("bleu").get("score").asDouble(), 1e-12);
        assertEquals(4, json.get("bleu").get("counts").size());
        assertEquals(report.chrf().score(), json.get("chrf").get("score").asDouble(), 1e-12);
        assertEquals(3, json.get("sentences").asInt());
        assertTrue(json.get("sentencesPerSecond").asDouble() > 0);

        List<String> rows = Files.readAllLines(out.resolve(EvaluationRun.SENTENCES));
        assertEquals("source\treference\thypothesis\tsentence_bleu", rows.get(0));
        assertTrue(rows.get(1).startsWith("Ein Hund schläft.\tthe dog sleeps.\ta dog sleeps.\t"), rows.get(1));
        assertTrue(rows.get(3).endsWith("\t100.00"), rows.get(3));
    }

    @Test
    void anEmptyCorpusOrAWrongTranslatorIsAClearError() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "source,target\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvaluationRun(EvaluationRunTest::translate, Bleu.corpusDefaults(), 2)
                        .run(empty, CorpusFormat.csv(), List.of(), dir.resolve("out")));
        assertEquals(empty + ": the corpus is empty, nothing to evaluate", e.getMessage());

        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> new EvaluationRun(batch -> List.of("x"), Bleu.corpusDefaults(), 2)
                        .run(corpus(), CorpusFormat.csv(), List.of(), dir.resolve("out")));
        assertEquals("the translator returned 1 translations for 2 sentences", wrong.getMessage());
    }
}
