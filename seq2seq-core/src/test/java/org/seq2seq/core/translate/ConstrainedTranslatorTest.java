package org.seq2seq.core.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.ModelShape;
import org.seq2seq.core.model.RunDirectory;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.train.BpeSettings;
import org.seq2seq.core.train.TrainingConfig;
import org.seq2seq.core.train.TrainingRun;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.decoder.shortlist.Shortlist;

/** Translations that must contain given target phrases, and term lists, on the tiny model. */
class ConstrainedTranslatorTest {
    private static final String DOG_PARK = "Ein Hund läuft im Park.";
    private static final String CAT_GARDEN = "Eine Katze schläft im Garten.";

    @TempDir
    Path dir;

    private Seq2SeqModel tiny;

    private Seq2SeqModel tiny() throws IOException {
        if (tiny == null) {
            tiny = ModelDirectory.load(TinyModel.copyTo(dir.resolve("tiny")), false).model();
        }
        return tiny;
    }

    /** Whether {@code phrase} is in {@code text} as whole words. */
    private static boolean has(String text, String phrase) {
        return Pattern.compile("(?<!\\w)" + Pattern.quote(phrase) + "(?!\\w)").matcher(text).find();
    }

    @Test
    void everyPhraseAppearsAndSentencesWithoutPhrasesTranslateAsBefore() throws IOException {
        List<String> sentences = List.of(DOG_PARK, CAT_GARDEN, "Ein Mann sitzt am Strand.");
        try (Translator translator = new Translator(tiny(), TranslatorOptions.defaults())) {
            List<String> plain = translator.translate(sentences);
            assertEquals("A dog runs in the park.", plain.get(0));
            List<String> constrained = translator.translate(sentences, List.of(List.of("cat"), List.of(),
                    List.of("the snow", "jumps")));
            assertTrue(has(constrained.get(0), "cat") && !has(constrained.get(0), "dog"), constrained.get(0));
            assertEquals(plain.get(1), constrained.get(1), "no phrases: the plain search");
            assertTrue(has(constrained.get(2), "the snow") && has(constrained.get(2), "jumps"), constrained.get(2));
            assertFalse(has(plain.get(2), "the snow") || has(plain.get(2), "jumps"), plain.get(2));

            List<List<Translation>> nBest = translator.translateNBest(List.of(DOG_PARK), List.of(List.of("garden")),
                    translator.options().search().withNBest(3));
            assertEquals(3, nBest.get(0).size());
            for (Translation t : nBest.get(0)) {
                assertTrue(has(t.text(), "garden"), t.text());
            }
        }
    }

    /**
     * Phrases that compete for one place (two subjects, two places where one thing happens) and
     * phrases that share their first word: each appears, in the order the model prefers.
     */
    @Test
    void conflictingPhrasesAndPhrasesThatShareAWordAllAppear() throws IOException {
        try (Translator translator = new Translator(tiny(), TranslatorOptions.defaults().withBeamSize(8))) {
            List<List<String>> phrases = List.of(List.of("dog", "cat"), List.of("the park", "the garden"),
                    List.of("sleeps", "jumps", "the beach"));
            List<String> out = translator.translate(List.of(DOG_PARK, CAT_GARDEN, DOG_PARK), phrases);
            for (int i = 0; i < out.size(); i++) {
                for (String phrase : phrases.get(i)) {
                    assertTrue(has(out.get(i), phrase), "'" + phrase + "' in " + out.get(i));
                }
            }
        }
    }

    /** A shortlist without the phrase's tokens still scores them: a sentence's constraints join its list. */
    @Test
    void aShortlistScoresThePhrasesTokensToo() throws IOException {
        Seq2SeqModel model = tiny();
        Shortlist learned = new ShortlistLearner(2, 3, 0).learn(model, TinyModel.trainingPairs().stream()
                .map(p -> new SentencePair(p[0], p[1])).toList(), "train.de-en.csv");
        int hund = model.sourceVocabulary().id("Hund");
        int cat = model.targetVocabulary().id("cat");
        int[][] translations = learned.translations().clone();
        translations[hund] = Arrays.stream(translations[hund]).filter(t -> t != cat).toArray();
        Shortlist withoutCat = new Shortlist(learned.targetVocabularySize(), learned.frequent(), translations);
        assertFalse(Arrays.stream(withoutCat.candidates(model.sourceVocabulary().encode(List.of("Ein", "Hund", "läuft",
                "im", "Park", ".")))).anyMatch(t -> t == cat));
        try (Translator translator = new Translator(model.withShortlist(withoutCat), TranslatorOptions.defaults())) {
            assertTrue(translator.shortlisted());
            String out = translator.translate(List.of(DOG_PARK), List.of(List.of("cat"))).get(0);
            assertTrue(has(out, "cat"), out);
        }
    }

    @Test
    void aTermListConstrainsOnlyTheSentencesHoldingItsSourceTerms() throws IOException {
        Path file = dir.resolve("terms.tsv");
        Files.writeString(file, "# animals\nhund\tcat\n\nIm Garten\ton the beach\n", StandardCharsets.UTF_8);
        Terminology terms = Terminology.read(file);
        assertEquals(List.of(new Terminology.Term("hund", "cat"), new Terminology.Term("Im Garten", "on the beach")),
                terms.terms());
        String other = "Ein Mann sitzt im Park.";
        try (Translator plain = new Translator(tiny(), TranslatorOptions.defaults());
             Translator withTerms = new Translator(tiny(), TranslatorOptions.defaults().withTerminology(terms))) {
            List<String> out = withTerms.translate(List.of(DOG_PARK, other, CAT_GARDEN));
            assertTrue(has(out.get(0), "cat") && !has(out.get(0), "dog"), "Hund, in any case: " + out.get(0));
            assertEquals(plain.translate(other), out.get(1), "no term: the plain search");
            assertTrue(has(out.get(2), "on the beach"), "a term of two words: " + out.get(2));
            assertTrue(has(withTerms.translate(List.of(other), List.of(List.of("jumps"))).get(0), "jumps"),
                    "given phrases join the terms'");
        }

        Files.writeString(file, "hund\tcat\nkatze\n", StandardCharsets.UTF_8);
        IllegalArgumentException oneField = assertThrows(IllegalArgumentException.class, () -> Terminology.read(file));
        assertEquals(file + " line 2: a term line is SOURCE<TAB>TARGET, this one has 1 field", oneField.getMessage());
        Files.writeString(file, "hund\t\n", StandardCharsets.UTF_8);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Terminology.read(file));
        assertEquals(file + " line 1: the target term is empty", empty.getMessage());
    }

    @Test
    void phrasesThatCannotBeMetAreErrorsNamingSentenceAndPhrase() throws IOException {
        try (Translator translator = new Translator(tiny(), TranslatorOptions.defaults())) {
            UnsatisfiableConstraintException unknown = assertThrows(UnsatisfiableConstraintException.class,
                    () -> translator.translate(List.of(DOG_PARK, CAT_GARDEN), List.of(List.of(), List.of("the zebra"))));
            assertEquals(1, unknown.sentence());
            assertEquals("sentence 2: the constraint 'the zebra' holds 'zebra', which is not in the model's target "
                    + "vocabulary, so no translation can contain it", unknown.getMessage());
            String long22 = String.join(" ", java.util.Collections.nCopies(11, "the dog"));
            UnsatisfiableConstraintException tooLong = assertThrows(UnsatisfiableConstraintException.class,
                    () -> translator.translate(List.of(DOG_PARK), List.of(List.of(long22))));
            assertEquals("the constraints ('" + long22 + "') have 22 tokens, and this sentence's translation may have "
                    + "at most 21", tooLong.reason());
        }
        try (Translator greedy = new Translator(tiny(), TranslatorOptions.defaults().withBeamSize(1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> greedy.translate(List.of(DOG_PARK), List.of(List.of("cat"))));
            assertTrue(e.getMessage().startsWith("constraints need beam search"), e.getMessage());
        }
    }

    /** A phrase split into subwords by the model's codes appears as whole words, even from a barely trained model. */
    @Test
    void aPhraseOfSubwordsAppearsAsWholeWords() throws IOException {
        Path corpus = TinyModel.copyValidationCorpus(dir.resolve("pairs.csv"));
        Path run = dir.resolve("bpe");
        TrainingRun.builder(corpus, run).validationBleu(0).minFrequency(1).bpe(BpeSettings.learn(30, true))
                .shape(ModelShape.builder().embeddingSize(16).hiddenSize(16).attention(Attention.DOT).build())
                .training(TrainingConfig.builder().learningRate(0.01).batchSize(16).maxEpochs(1).build()).build().run();
        Seq2SeqModel model = ModelDirectory.load(RunDirectory.modelOf(run), false).model();
        try (Translator translator = new Translator(model, TranslatorOptions.defaults())) {
            String phrase = "sleepy gardens";
            int[] tokens = translator.constraintTokens(phrase);
            assertTrue(tokens.length > 2, "split into subwords: " + model.targetVocabulary().decode(tokens));
            List<String> out = translator.translate(List.of(DOG_PARK, CAT_GARDEN), List.of(List.of(phrase),
                    List.of("gardens", "sleepy")));
            assertTrue(has(out.get(0), phrase), out.get(0));
            assertTrue(has(out.get(1), "gardens") && has(out.get(1), "sleepy"), out.get(1));
            UnsatisfiableConstraintException letter = assertThrows(UnsatisfiableConstraintException.class,
                    () -> translator.translate(List.of(DOG_PARK), List.of(List.of("catnap"))));
            assertTrue(letter.getMessage().contains("'catnap' holds 't@@'"), "a subword the codes make but the "
                    + "vocabulary lacks: " + letter.getMessage());
        }
    }
}
