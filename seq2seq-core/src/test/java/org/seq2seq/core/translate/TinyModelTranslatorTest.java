package org.seq2seq.core.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.toy.TinyModel;

/** The embedding API as a Java program uses it, on the checked-in tiny model (no ../shared). */
class TinyModelTranslatorTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheCheckedInModelAndTranslatesSentencesItNeverSaw() throws IOException {
        Path model = TinyModel.copyTo(dir.resolve("tiny"));
        List<String[]> heldOut = TinyModel.validationPairs();
        try (Translator translator = Translator.load(model)) {
            assertEquals("A dog sleeps in the garden.", translator.translate("Ein Hund schläft im Garten."));
            List<String> sources = heldOut.stream().map(p -> p[0]).toList();
            List<String> references = heldOut.stream().map(p -> p[1]).toList();
            assertEquals(36, sources.size());
            assertEquals(references, translator.translate(sources));

            List<Translation> nBest = translator.translateNBest("Eine Katze springt am Strand.", 3);
            assertEquals(3, nBest.size());
            assertEquals("A cat jumps on the beach.", nBest.get(0).text());
            assertTrue(nBest.get(0).score() >= nBest.get(1).score() && nBest.get(1).score() >= nBest.get(2).score());

            AttentionMap map = translator.attention("Ein Mädchen wartet.");
            assertEquals("A girl waits.", map.translation());
            assertEquals(List.of("Ein", "Mädchen", "wartet", "."), map.source());
            for (double[] row : map.weights()) {
                assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-5);
            }
            assertEquals("", translator.translate(""));
        }
    }

    @Test
    void aRunDirectoryTranslatesWithItsBestCheckpointAndAClosedTranslatorRefuses() throws IOException {
        Path run = dir.resolve("run");
        TinyModel.copyTo(run.resolve("checkpoints").resolve("step-00000420"));
        java.nio.file.Files.writeString(run.resolve("best.txt"), "step-00000420\n");
        Translator translator = Translator.load(run, TranslatorOptions.defaults().withBeamSize(1));
        assertEquals("A boy plays.", translator.translate("Ein Junge spielt."));
        translator.close();
        assertThrows(IllegalStateException.class, () -> translator.translate("Ein Junge spielt."));
    }

    /**
     * Every n-best translation's score is its log-probability per token (END counted) plus
     * β × Σ_j log(min(Σ_t a_tj, 1)), the attention a_tj read back by decoding it again.
     */
    @Test
    void theCoveragePenaltyAddsTheLogarithmOfEachSourceWordsCappedAttention() throws IOException {
        Path model = TinyModel.copyTo(dir.resolve("tiny"));
        double beta = 0.4;
        try (Translator plain = Translator.load(model);
             Translator covered = Translator.load(model, TranslatorOptions.defaults().withCoveragePenalty(beta))) {
            int changed = 0;
            for (String[] pair : TinyModel.validationPairs().subList(0, 5)) {
                List<Translation> nBest = covered.translateNBest(pair[0], 3);
                List<Translation> plainBest = plain.translateNBest(pair[0], 3);
                for (int i = 0; i < nBest.size(); i++) {
                    Translation t = nBest.get(i);
                    AttentionMap map = covered.attention(pair[0], t);
                    double[] coverage = new double[map.source().size()];
                    for (double[] row : map.weights()) {
                        for (int j = 0; j < coverage.length; j++) {
                            coverage[j] += row[j];
                        }
                    }
                    double penalty = 0;
                    for (double c : coverage) {
                        penalty += Math.log(Math.min(Math.max(c, 1e-10), 1));
                    }
                    int length = t.tokens().size() + (t.finished() ? 1 : 0);
                    assertEquals(t.logProbability() / length + beta * penalty, t.score(), 1e-4, t.text());
                    if (i > 0) {
                        assertTrue(nBest.get(i - 1).score() >= t.score());
                    }
                    if (!t.text().equals(plainBest.get(i).text()) || Math.abs(t.score() - plainBest.get(i).score()) > 1e-6) {
                        changed++;
                    }
                }
            }
            assertTrue(changed > 0, "the penalty changed no score");
        }
    }
}
