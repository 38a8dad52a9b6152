package org.seq2seq.corpora.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.text.WordTokenizer;
import org.seq2seq.corpora.vocab.Vocabulary;

class BucketBatchIteratorTest {

    /**
     * n pairs whose first source id is the pair's number (from 100); source lengths 1 to 30, the
     * target within two tokens of the source, as translations go.
     */
    private static List<EncodedPair> randomPairs(int n, long seed) {
        Random random = new Random(seed);
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] source = new int[1 + random.nextInt(30)];
            int[] target = new int[Math.max(1, source.length - 2 + random.nextInt(5))];
            for (int j = 0; j < source.length; j++) {
                source[j] = j == 0 ? 100 + i : 4 + random.nextInt(50);
            }
            for (int j = 0; j < target.length; j++) {
                target[j] = 4 + random.nextInt(50);
            }
            pairs.add(new EncodedPair(source, target));
        }
        return pairs;
    }

    /** An epoch's batches, each as the list of its pairs' numbers. */
    private static List<List<Integer>> epoch(BucketBatchIterator it) {
        List<List<Integer>> batches = new ArrayList<>();
        while (it.hasNext()) {
            PaddedBatch b = it.nextBatch();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                ids.add(b.sourceId(i, 0));
            }
            batches.add(ids);
        }
        return batches;
    }

    private static Map<Integer, Integer> multiset(List<List<Integer>> batches) {
        Map<Integer, Integer> counts = new HashMap<>();
        batches.forEach(b -> b.forEach(id -> counts.merge(id, 1, Integer::sum)));
        return counts;
    }

    @Test
    void everyPairOnceAnEpochInFullBatches() {
        List<EncodedPair> pairs = randomPairs(1000, 1);
        BucketBatchIterator it = BucketBatchIterator.builder(new InMemoryPairs(pairs)).batchSize(64).build();
        List<List<Integer>> batches = epoch(it);
        Map<Integer, Integer> seen = multiset(batches);
        assertEquals(1000, seen.size());
        assertTrue(seen.values().stream().allMatch(c -> c == 1));
        assertEquals(16, batches.size());
        assertEquals(15, batches.stream().filter(b -> b.size() == 64).count());
        assertEquals(1000, it.stats().pairsInBatches());
        assertEquals(16, it.stats().batches());
    }

    @Test
    void sameSeedSameBatchesOtherSeedOtherBatches() {
        InMemoryPairs source = new InMemoryPairs(randomPairs(500, 2));
        BucketBatchIterator a = BucketBatchIterator.builder(source).batchSize(32).seed(7).build();
        BucketBatchIterator b = BucketBatchIterator.builder(source).batchSize(32).seed(7).build();
        BucketBatchIterator c = BucketBatchIterator.builder(source).batchSize(32).seed(8).build();
        List<List<Integer>> a0 = epoch(a);
        assertEquals(a0, epoch(b));
        assertNotEquals(a0, epoch(c));
        a.reset();
        b.reset();
        List<List<Integer>> a1 = epoch(a);
        assertEquals(a1, epoch(b));
        assertNotEquals(a0, a1, "every epoch has its own order");
        assertEquals(multiset(a0), multiset(a1));
    }

    @Test
    void setEpochGivesWhatAnUninterruptedRunSees() {
        InMemoryPairs source = new InMemoryPairs(randomPairs(300, 3));
        BucketBatchIterator straight = BucketBatchIterator.builder(source).batchSize(16).build();
        epoch(straight);
        straight.reset();
        epoch(straight);
        straight.reset();
        List<List<Integer>> third = epoch(straight);
        assertEquals(2, straight.epoch());

        BucketBatchIterator resumed = BucketBatchIterator.builder(source).batchSize(16).build();
        resumed.setEpoch(2);
        assertEquals(third, epoch(resumed));
    }

    @Test
    void resetBeforeTheFirstBatchDoesNotSkipAnEpoch() {
        InMemoryPairs source = new InMemoryPairs(randomPairs(100, 4));
        BucketBatchIterator fresh = BucketBatchIterator.builder(source).batchSize(10).build();
        BucketBatchIterator reset = BucketBatchIterator.builder(source).batchSize(10).build();
        reset.reset();
        reset.reset();
        assertEquals(0, reset.epoch());
        assertEquals(epoch(fresh), epoch(reset));
        reset.reset();
        assertEquals(1, reset.epoch());
    }

    @Test
    void bucketingCutsPadding() {
        InMemoryPairs source = new InMemoryPairs(randomPairs(2000, 5));
        BucketBatchIterator bucketed = BucketBatchIterator.builder(source).batchSize(32).build();
        BucketBatchIterator plain = BucketBatchIterator.builder(source).batchSize(32).bucketing(false).build();
        epoch(bucketed);
        epoch(plain);
        double withBuckets = bucketed.stats().paddingFraction();
        double without = plain.stats().paddingFraction();
        System.out.printf("padding with random lengths 1-30: %.3f bucketed, %.3f not%n", withBuckets, without);
        assertTrue(without > 0.4, "lengths spread over 1-30 pad about half the tensors, got " + without);
        assertTrue(withBuckets < 0.08, "batches of equal source length pad only the target's spread, got "
                + withBuckets);
    }

    @Test
    void withoutShuffleOrBucketingTheOrderIsKept() {
        List<EncodedPair> pairs = randomPairs(45, 6);
        BucketBatchIterator it = BucketBatchIterator.builder(new InMemoryPairs(pairs)).batchSize(10)
                .shuffle(false).bucketing(false).build();
        List<Integer> order = epoch(it).stream().flatMap(List::stream).toList();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            expected.add(100 + i);
        }
        assertEquals(expected, order);
    }

    @Test
    void lengthLimitsDropOrTruncateAndCount() {
        List<EncodedPair> pairs = List.of(
                new EncodedPair(new int[] {100, 5, 6}, new int[] {7, 8}),          // fits
                new EncodedPair(new int[] {101, 5, 6, 7, 8}, new int[] {7}),       // source too long
                new EncodedPair(new int[] {102}, new int[] {7, 8, 9, 10}));        // target too long
        BucketBatchIterator dropping = BucketBatchIterator.builder(new InMemoryPairs(pairs)).batchSize(8)
                .lengthLimits(LengthLimits.drop(3, 3)).build();
        assertEquals(List.of(List.of(100)), epoch(dropping));
        assertEquals(2, dropping.stats().dropped());
        assertEquals(3, dropping.stats().pairsRead());

        BucketBatchIterator truncating = BucketBatchIterator.builder(new InMemoryPairs(pairs)).batchSize(8)
                .shuffle(false).bucketing(false).lengthLimits(LengthLimits.truncate(3, 3)).build();
        PaddedBatch batch = truncating.nextBatch();
        assertEquals(2, truncating.stats().truncated());
        assertEquals(3, batch.sourceLength());
        assertEquals(4, batch.targetLength());   // 3 target tokens + END
        assertArrayEquals(new int[] {7, 8, 9, 3}, new int[] {
            batch.labelId(2, 0), batch.labelId(2, 1), batch.labelId(2, 2), batch.labelId(2, 3)});
    }

    @Test
    void nextGivesMultiDataSetsAndAppliesThePreProcessor() {
        BucketBatchIterator it = BucketBatchIterator.builder(new InMemoryPairs(randomPairs(10, 7))).batchSize(4).build();
        int[] calls = {0};
        it.setPreProcessor(data -> calls[0]++);
        int batches = 0;
        while (it.hasNext()) {
            MultiDataSet data = it.next();
            assertEquals(2, data.getFeatures().length);
            assertEquals(1, data.getLabels().length);
            batches++;
        }
        assertEquals(3, batches);
        assertEquals(3, calls[0]);
        assertTrue(it.resetSupported());
        assertThrows(UnsupportedOperationException.class, () -> it.next(5));
    }

    @Test
    void settingsAreValidated() {
        InMemoryPairs source = new InMemoryPairs(randomPairs(10, 8));
        assertThrows(IllegalArgumentException.class, () -> BucketBatchIterator.builder(source).batchSize(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> BucketBatchIterator.builder(source).batchSize(10).poolSize(5).build());
        assertThrows(IllegalArgumentException.class, () -> LengthLimits.drop(0, 5));
    }

    @Test
    void streamsAFileInBoundedPools(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("source,target\n");
        for (int i = 0; i < 200; i++) {
            csv.append("w").append(i).append(" x".repeat(i % 7)).append(",y").append(" z".repeat(i % 5)).append('\n');
        }
        Path file = dir.resolve("stream.csv");
        java.nio.file.Files.writeString(file, csv);
        List<String> sourceWords = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sourceWords.add("w" + i);
        }
        sourceWords.add("x");
        Vocabulary sourceVocab = Vocabulary.ofTokens(sourceWords);
        Vocabulary targetVocab = Vocabulary.ofTokens(List.of("y", "z"));
        PairEncoder encoder = new PairEncoder(new WordTokenizer(), sourceVocab, new WordTokenizer(), targetVocab);

        try (BucketBatchIterator it = BucketBatchIterator.builder(new CorpusPairs(file, CorpusFormat.csv(), encoder))
                .batchSize(10).poolSize(50).build()) {
            List<List<Integer>> batches = epoch(it);
            assertEquals(20, batches.size());
            // a pool is 50 consecutive rows: the first five batches hold exactly the first 50 rows
            Set<Integer> firstPool = batches.subList(0, 5).stream().flatMap(List::stream).collect(Collectors.toSet());
            Set<Integer> expected = new java.util.HashSet<>();
            for (int i = 0; i < 50; i++) {
                expected.add(sourceVocab.id("w" + i));
            }
            assertEquals(expected, firstPool);
            assertEquals(200, multiset(batches).size());
            it.reset();
            assertEquals(200, multiset(epoch(it)).size());   // the file is read again
            assertFalse(it.hasNext());
        }
    }
}
