package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seq2seq.corpora.batch.BucketBatchIterator;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.InMemoryPairs;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.corpora.batch.PairEncoder;
import org.seq2seq.corpora.text.Tokenizer;
import org.seq2seq.corpora.text.WordTokenizer;
import org.seq2seq.corpora.vocab.CorpusCounts;
import org.seq2seq.corpora.vocab.SpecialToken;
import org.seq2seq.corpora.vocab.Vocabulary;

/**
 * The corpus module on real data: Multi30k task 1, German to English, from {@code ../shared}.
 * Skipped, with a message, when the shared material is not beside the project.
 */
class Multi30kCorpusTest {
    private static final Tokenizer TOKENIZER = new WordTokenizer();

    private static Path csv;
    private static List<SentencePair> pairs;
    private static ReadReport report;
    private static CorpusCounts counts;

    @BeforeAll
    static void readTrainingSet() {
        csv = SharedData.file("corpora/multi30k/train.de-en.csv");
        if (!Files.isRegularFile(csv)) {
            return;
        }
        try (CorpusReader reader = CorpusReader.open(csv, CorpusFormat.csv())) {
            pairs = reader.stream().toList();
            report = reader.report();
        }
        counts = CorpusCounts.count(csv, CorpusFormat.csv(), TOKENIZER, TOKENIZER);
    }

    @BeforeEach
    void needsTheCorpus() {
        SharedData.assumePresent(csv);
    }

    @Test
    void reads29000PairsExactlyAsThePlainTextFiles() throws IOException {
        System.out.println(report.summary());
        assertEquals(29_000, pairs.size());
        assertEquals(29_000, report.pairs());
        assertEquals(0, report.skippedTotal());
        assertEquals(0, report.blankLines());

        List<String> de = lines(csv.resolveSibling("train.de"));
        List<String> en = lines(csv.resolveSibling("train.en"));
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(de.get(i), pairs.get(i).source(), "German, line " + (i + 1));
            assertEquals(en.get(i), pairs.get(i).target(), "English, line " + (i + 1));
        }
        // the quirk SOURCE.md names: line 7366 is quoted and holds a TAB
        assertEquals("\"Zwei männliche und eine weibliche Person spielen in einer \tWasserfontäne.\"",
                pairs.get(7365).source());
    }

    @Test
    void vocabularySizesAtMinimumFrequencyOneAndTwo() {
        int de1 = Vocabulary.of(counts.source(), 1, Vocabulary.UNLIMITED).size();
        int de2 = Vocabulary.of(counts.source(), 2, Vocabulary.UNLIMITED).size();
        int en1 = Vocabulary.of(counts.target(), 1, Vocabulary.UNLIMITED).size();
        int en2 = Vocabulary.of(counts.target(), 2, Vocabulary.UNLIMITED).size();
        System.out.printf("Multi30k train, word tokenizer, cased, 4 special tokens included:%n"
                + "  German  (source): %d tokens, %d distinct; vocabulary %d at min freq 1, %d at min freq 2%n"
                + "  English (target): %d tokens, %d distinct; vocabulary %d at min freq 1, %d at min freq 2%n",
                counts.source().total(), counts.source().distinct(), de1, de2,
                counts.target().total(), counts.target().distinct(), en1, en2);
        assertEquals(counts.source().distinct() + 4, de1);
        assertEquals(counts.target().distinct() + 4, en1);
        // The same figures (and token totals) came from an independent Python regex version of
        // the word tokenizer's rules over the same file.
        assertEquals(360_731, counts.source().total());
        assertEquals(377_071, counts.target().total());
        assertEquals(19_220, de1);
        assertEquals(8_016, de2);
        assertEquals(11_402, en1);
        assertEquals(6_271, en2);
    }

    @Test
    void decoderInputAndLabelsAreTheSameSentenceShiftedByOne() {
        Vocabulary de = Vocabulary.of(counts.source(), 1, Vocabulary.UNLIMITED);
        Vocabulary en = Vocabulary.of(counts.target(), 1, Vocabulary.UNLIMITED);
        PairEncoder encoder = new PairEncoder(TOKENIZER, de, TOKENIZER, en);
        List<EncodedPair> encoded = pairs.stream().map(encoder::encode).toList();
        BucketBatchIterator it = BucketBatchIterator.builder(new InMemoryPairs(encoded)).batchSize(64)
                .shuffle(false).bucketing(false).build();
        PaddedBatch batch = it.nextBatch();   // the first 64 pairs, in file order
        for (int b = 0; b < batch.size(); b++) {
            List<String> target = TOKENIZER.tokenize(pairs.get(b).target());
            int n = target.size();
            assertEquals(SpecialToken.START.id(), batch.decoderInputId(b, 0));
            for (int t = 0; t < n; t++) {
                assertEquals(batch.decoderInputId(b, t + 1), batch.labelId(b, t), "pair " + b + ", step " + t);
                assertEquals(target.get(t), en.token(batch.labelId(b, t)));
                assertTrue(batch.isTargetStep(b, t));
            }
            assertEquals(SpecialToken.END.id(), batch.labelId(b, n));
            assertTrue(batch.isTargetStep(b, n));
            for (int t = n + 1; t < batch.targetLength(); t++) {
                assertEquals(SpecialToken.PAD.id(), batch.labelId(b, t));
                assertTrue(!batch.isTargetStep(b, t));
            }
            List<String> source = new ArrayList<>();
            for (int i = 0; i < batch.sourceLength() && batch.sourceId(b, i) != 0; i++) {
                source.add(de.token(batch.sourceId(b, i)));
            }
            assertEquals(TOKENIZER.tokenize(pairs.get(b).source()), source);
        }
        if (batch.size() > 0) {
            System.out.println("pair 0: " + pairs.get(0).target() + "\n  decoder input "
                    + Arrays.toString(rowOf(batch, true, 0)) + "\n  labels        " + Arrays.toString(rowOf(batch, false, 0)));
        }
    }

    @Test
    void bucketingKeepsPaddingUnderTenPercentAtBatchSize64() {
        Vocabulary de = Vocabulary.of(counts.source(), 2, Vocabulary.UNLIMITED);
        Vocabulary en = Vocabulary.of(counts.target(), 2, Vocabulary.UNLIMITED);
        PairEncoder encoder = new PairEncoder(TOKENIZER, de, TOKENIZER, en);
        InMemoryPairs source = new InMemoryPairs(pairs.stream().map(encoder::encode).toList());

        BucketBatchIterator bucketed = BucketBatchIterator.builder(source).batchSize(64).build();
        BucketBatchIterator plain = BucketBatchIterator.builder(source).batchSize(64).bucketing(false).build();
        drain(bucketed);
        drain(plain);
        System.out.printf("Multi30k train at batch size 64: padding %.2f%% with bucketing (%d batches), "
                        + "%.2f%% without; %d pairs dropped over 100 tokens%n",
                100 * bucketed.stats().paddingFraction(), bucketed.stats().batches(),
                100 * plain.stats().paddingFraction(), bucketed.stats().dropped());
        assertEquals(29_000, bucketed.stats().pairsInBatches());
        assertTrue(bucketed.stats().paddingFraction() < 0.10,
                "padding with bucketing: " + bucketed.stats().paddingFraction());
        assertTrue(plain.stats().paddingFraction() > bucketed.stats().paddingFraction());
    }

    @Test
    void detokenizingGivesTheSentencesBack() {
        int[] same = new int[2];
        for (SentencePair pair : pairs) {
            same[0] += roundTrips(pair.source()) ? 1 : 0;
            same[1] += roundTrips(pair.target()) ? 1 : 0;
        }
        System.out.printf("detokenize(tokenize(s)) == s (runs of any space as one) for %.2f%% of German and %.2f%% of "
                + "English training sentences%n", 100.0 * same[0] / pairs.size(), 100.0 * same[1] / pairs.size());
        assertTrue(same[0] > 0.99 * pairs.size(), "German: " + same[0]);
        assertTrue(same[1] > 0.99 * pairs.size(), "English: " + same[1]);
    }

    private static boolean roundTrips(String sentence) {
        String natural = sentence.replaceAll("[\\s\\p{Z}]+", " ").strip();   // every kind of space, collapsed
        return TOKENIZER.detokenize(TOKENIZER.tokenize(sentence)).equals(natural);
    }

    private static int[] rowOf(PaddedBatch batch, boolean input, int b) {
        int[] row = new int[batch.targetLength()];
        for (int t = 0; t < row.length; t++) {
            row[t] = input ? batch.decoderInputId(b, t) : batch.labelId(b, t);
        }
        return row;
    }

    private static void drain(BucketBatchIterator it) {
        while (it.hasNext()) {
            it.nextBatch();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
