package org.seq2seq.core.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.ModelFormatException;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.decoder.shortlist.Shortlist;

/** Translating with a vocabulary shortlist learned from the tiny model's training pairs. */
class ShortlistTranslatorTest {
    @TempDir
    Path dir;

    private static List<SentencePair> training() {
        return TinyModel.trainingPairs().stream().map(p -> new SentencePair(p[0], p[1])).toList();
    }

    @Test
    void aLearnedShortlistTranslatesTheHeldOutSentencesAsTheWholeVocabularyDoes() throws IOException {
        Seq2SeqModel model = ModelDirectory.load(TinyModel.copyTo(dir.resolve("tiny")), false).model();
        Shortlist shortlist = new ShortlistLearner(2, 3, 0).learn(model, training(), "train.de-en.csv");
        Seq2SeqModel listed = model.withShortlist(shortlist);
        List<String> sources = TinyModel.validationPairs().stream().map(p -> p[0]).toList();
        for (int beam : new int[] {1, 5}) {
            TranslatorOptions options = TranslatorOptions.defaults().withBeamSize(beam).withBatchSize(8);
            try (Translator whole = new Translator(model, options); Translator shortlisted = new Translator(listed, options);
                 Translator off = new Translator(listed, options.withShortlist(false))) {
                assertFalse(whole.shortlisted());
                assertTrue(shortlisted.shortlisted());
                assertFalse(off.shortlisted());
                List<String> expected = whole.translate(sources);
                assertEquals(expected, shortlisted.translate(sources), "beam " + beam);
                assertEquals(expected, off.translate(sources), "beam " + beam);
                assertEquals(expected.get(0), shortlisted.translate(sources.get(0)));
            }
        }
    }

    /** A shortlist without a word's translation never writes it: the search scores only the listed tokens. */
    @Test
    void aTranslationWritesOnlyTheTokensOfItsShortlist() throws IOException {
        Seq2SeqModel model = ModelDirectory.load(TinyModel.copyTo(dir.resolve("tiny")), false).model();
        Shortlist learned = new ShortlistLearner(2, 3, 0).learn(model, training(), "train.de-en.csv");
        int hund = model.sourceVocabulary().id("Hund");
        int dog = model.targetVocabulary().id("dog");
        assertTrue(Arrays.stream(learned.translations()[hund]).anyMatch(t -> t == dog));
        int[][] translations = learned.translations().clone();
        translations[hund] = Arrays.stream(translations[hund]).filter(t -> t != dog).toArray();
        Shortlist withoutDog = new Shortlist(learned.targetVocabularySize(), learned.frequent(), translations);
        try (Translator translator = new Translator(model.withShortlist(withoutDog), TranslatorOptions.defaults());
             Translator whole = new Translator(model, TranslatorOptions.defaults())) {
            String sentence = "Ein Hund läuft im Park.";
            assertEquals("A dog runs in the park.", whole.translate(sentence));
            Translation t = translator.translateWithScores(List.of(sentence)).get(0);
            assertNotEquals("A dog runs in the park.", t.text());
            Set<Integer> allowed = new HashSet<>();
            for (int id : withoutDog.candidates(model.sourceVocabulary().encode(List.of("Ein", "Hund", "läuft", "im",
                    "Park", ".")))) {
                allowed.add(id);
            }
            for (int id : model.targetVocabulary().encode(t.tokens())) {
                assertTrue(allowed.contains(id), t.tokens() + " has " + model.targetVocabulary().token(id));
            }
        }
    }

    @Test
    void aModelSavedWithItsShortlistLoadsWithItAndADamagedOneIsAFormatError() throws IOException {
        Seq2SeqModel model = ModelDirectory.load(TinyModel.copyTo(dir.resolve("tiny")), false).model();
        Shortlist shortlist = new ShortlistLearner(2, 3, 0).learn(model, training(), "train.de-en.csv");
        Path saved = dir.resolve("listed");
        ModelDirectory.save(model.withShortlist(shortlist), saved);
        assertEquals(shortlist, ModelDirectory.load(saved, false).model().shortlist());
        assertEquals(null, model.shortlist());
        Files.write(saved.resolve(ModelDirectory.SHORTLIST), new byte[] {1, 2, 3});
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelDirectory.load(saved, false));
        assertTrue(e.getMessage().contains("shortlist.bin does not match its checksum"), e.getMessage());
        Shortlist small = new Shortlist(10, new int[0], new int[3][0]);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> model.withShortlist(small));
        assertTrue(wrong.getMessage().startsWith("a shortlist for vocabularies of 3 and 10 tokens does not fit"),
                wrong.getMessage());
    }
}
