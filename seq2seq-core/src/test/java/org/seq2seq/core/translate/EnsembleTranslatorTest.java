package org.seq2seq.core.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.decoder.search.SearchOptions;

class EnsembleTranslatorTest {
    @Test
    void anEnsembleOfAModelWithItselfTranslatesAsTheModelInGreedyAndBeamSearch(@TempDir Path dir) throws Exception {
        Path tiny = TinyModel.copyTo(dir.resolve("tiny"));
        List<String> sources = TinyModel.validationPairs().stream().map(p -> p[0]).toList();
        try (Translator alone = Translator.load(tiny);
             Translator twice = Translator.loadEnsemble(List.of(tiny, tiny), TranslatorOptions.defaults())) {
            assertEquals(2, twice.ensembleSize());
            for (int beam : new int[] {1, 5}) {
                SearchOptions search = SearchOptions.builder().beamSize(beam).nBest(Math.min(beam, 2)).build();
                List<List<Translation>> expected = alone.translateNBest(sources, search);
                List<List<Translation>> actual = twice.translateNBest(sources, search);
                for (int i = 0; i < sources.size(); i++) {
                    for (int k = 0; k < expected.get(i).size(); k++) {
                        assertEquals(expected.get(i).get(k).text(), actual.get(i).get(k).text());
                        assertEquals(expected.get(i).get(k).logProbability(), actual.get(i).get(k).logProbability(),
                                1e-6);
                    }
                }
            }
        }
    }

    @Test
    void aWeakerPartnerChangesTheScoresAndModelsOfOtherVocabulariesAreRefused(@TempDir Path dir) throws Exception {
        Path tiny = TinyModel.copyTo(dir.resolve("tiny"));
        Seq2SeqModel damped = ModelDirectory.load(tiny).model();
        damped.graph().setParams(damped.graph().params().mul(0.5));
        Path weaker = dir.resolve("weaker");
        ModelDirectory.save(damped, weaker);
        String sentence = TinyModel.validationPairs().get(0)[0];
        try (Translator alone = Translator.load(tiny);
             Translator pair = Translator.loadEnsemble(List.of(tiny, weaker), TranslatorOptions.defaults())) {
            Translation a = alone.translateWithScores(List.of(sentence)).get(0);
            Translation b = pair.translateWithScores(List.of(sentence)).get(0);
            assertNotEquals(a.logProbability(), b.logProbability(), 1e-3);
            assertTrue(b.logProbability() < a.logProbability(), "a damped partner is less sure");
        }
        // a model of another shape on the same vocabularies joins; one that reads its sources backwards does not
        Path stacked = TinyModel.copyModel("/legacy-models/bidirectional-stacked/", dir.resolve("stacked"));
        try (Translator mixed = Translator.loadEnsemble(List.of(tiny, stacked), TranslatorOptions.defaults())) {
            assertFalse(mixed.translate(sentence).isBlank());
        }
        Seq2SeqModel m = ModelDirectory.load(tiny).model();
        Seq2SeqModel backwards = new Seq2SeqModel(m.graph(), m.config(), m.sourceVocabulary(), m.targetVocabulary(),
                m.sourceTokenizer().withReversed(true), m.targetTokenizer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Translator(List.of(m, backwards), TranslatorOptions.defaults()));
        assertEquals("model 2 of the ensemble has other vocabularies or tokenizers than model 1: an ensemble's models "
                + "must read and write the same tokens", e.getMessage());
    }
}
