package org.seq2seq.corpora.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.corpora.CorpusException;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.batch.BucketBatchIterator;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PairCursor;
import org.seq2seq.corpora.batch.PairEncoder;
import org.seq2seq.corpora.text.WordTokenizer;
import org.seq2seq.corpora.vocab.Vocabulary;

class PreparedCorpusTest {
    @TempDir
    Path dir;

    private static final List<String> WORDS = List.of("a", "b", "c", "d", "e", "f", "g", "h");

    /** {@code n} pairs of 1 to 12 words: the source's first word is the pair's number, so every pair differs. */
    private Path corpus(int n) throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("source,target\n");
        for (int i = 0; i < n; i++) {
            StringBuilder source = new StringBuilder("n" + i);
            StringBuilder target = new StringBuilder(WORDS.get(random.nextInt(WORDS.size())));
            for (int k = random.nextInt(12); k > 0; k--) {
                source.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
                target.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
            }
            csv.append(source).append(',').append(target).append('\n');
        }
        return Files.writeString(dir.resolve("pairs.csv"), csv);
    }

    private static PairEncoder encoder(int n) {
        List<String> source = new ArrayList<>(WORDS);
        for (int i = 0; i < n; i++) {
            source.add("n" + i);
        }
        return new PairEncoder(new WordTokenizer(), Vocabulary.ofTokens(source), new WordTokenizer(),
                Vocabulary.ofTokens(WORDS));
    }

    private static List<EncodedPair> all(PairCursor cursor) {
        List<EncodedPair> pairs = new ArrayList<>();
        try (cursor) {
            cursor.forEachRemaining(pairs::add);
        }
        return pairs;
    }

    private static List<EncodedPair> sorted(List<EncodedPair> pairs) {
        List<EncodedPair> copy = new ArrayList<>(pairs);
        copy.sort(Comparator.comparingInt(p -> p.source()[0]));
        return copy;
    }

    @Test
    void everyPairIsReadOncePerPassWithTheShardsInANewOrderForEveryEpoch() throws IOException {
        Path corpus = corpus(500);
        PairEncoder encoder = encoder(500);
        List<EncodedPair> expected = new ArrayList<>();
        for (String line : Files.readAllLines(corpus).subList(1, 501)) {
            String[] sides = line.split(",");
            expected.add(new EncodedPair(encoder.encodeSource(sides[0]), encoder.encodeTarget(sides[1])));
        }
        PreparedCorpus prepared = PreparedCorpus.prepare(corpus, CorpusFormat.csv(), encoder, dir.resolve("prepared"),
                new PreparedCorpus.Layout(4, 1, 3), 0);
        assertEquals(4, prepared.shards());
        assertEquals(500, prepared.size().orElseThrow());
        PreparedCorpus reopened = PreparedCorpus.open(dir.resolve("prepared"), encoder.sourceVocabulary().size(),
                encoder.targetVocabulary().size()).requireSource(corpus);

        List<EncodedPair> first = all(reopened.open(1));
        assertEquals(sorted(expected), sorted(first), "every pair once, token for token");
        assertEquals(first, all(reopened.open(1)), "the same order for the same value");
        List<EncodedPair> second = all(reopened.open(2));
        assertNotEquals(first, second, "another order for another epoch");
        assertEquals(sorted(expected), sorted(second));
        for (int k = 0; k < 4; k++) {
            long pairs = ShardFile.read(dir.resolve("prepared").resolve(PreparedCorpus.name(k))).pairs();
            assertTrue(pairs > 80 && pairs < 170, "pairs go to shards at random, about a quarter each: " + pairs);
        }

        try (BucketBatchIterator batches = BucketBatchIterator.builder(reopened).batchSize(16).poolSize(64)
                .seed(5).build()) {
            long pairs = 0;
            while (batches.hasNext()) {
                pairs += batches.nextBatch().size();
            }
            assertEquals(500, pairs, "batches from pools of 64 hold every pair");
        }
    }

    @Test
    void theShardsAreTheSameBytesForAnyNumberOfThreads() throws IOException {
        Path corpus = corpus(10_000);
        PairEncoder encoder = encoder(10_000);
        for (int threads : new int[] {1, 3}) {
            PreparedCorpus.prepare(corpus, CorpusFormat.csv(), encoder, dir.resolve("on-" + threads),
                    new PreparedCorpus.Layout(3, 1, 3), 0, threads);
        }
        for (int k = 0; k < 3; k++) {
            byte[] one = Files.readAllBytes(dir.resolve("on-1").resolve(PreparedCorpus.name(k)));
            assertTrue(one.length > 10_000);
            assertEquals(java.util.Arrays.toString(one), java.util.Arrays.toString(
                    Files.readAllBytes(dir.resolve("on-3").resolve(PreparedCorpus.name(k)))), "shard " + k);
        }
        assertEquals(Files.readString(dir.resolve("on-1").resolve(PreparedCorpus.MANIFEST)),
                Files.readString(dir.resolve("on-3").resolve(PreparedCorpus.MANIFEST)));
        var one = org.seq2seq.corpora.vocab.CorpusCounts.count(corpus, CorpusFormat.csv(), new WordTokenizer(),
                new WordTokenizer(), 8, 8, 1);
        var three = org.seq2seq.corpora.vocab.CorpusCounts.count(corpus, CorpusFormat.csv(), new WordTokenizer(),
                new WordTokenizer(), 8, 8, 3);
        assertEquals(one.source().asMap(), three.source().asMap());
        assertEquals(one.target().asMap(), three.target().asMap());
        assertEquals(one.overLength(), three.overLength());
        assertTrue(one.overLength() > 1000 && one.pairs() > 1000, one.overLength() + " over the limit");
    }

    @Test
    void aFullDiskLeavesNothingBehindAndSaysSo() throws IOException {
        Path corpus = corpus(2000);
        Path target = dir.resolve("out").resolve("prepared");
        long[] written = new long[1];
        PreparedCorpus.Opener fillsUp = file -> new FilterOutputStream(Files.newOutputStream(file)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written[0] += len;
                if (written[0] > 20_000) {
                    throw new FileSystemException(file.toString(), null, "No space left on device");
                }
                out.write(b, off, len);
            }
        };
        CorpusException e = assertThrows(CorpusException.class, () -> PreparedCorpus.prepare(corpus,
                CorpusFormat.csv(), encoder(2000), target, new PreparedCorpus.Layout(2, 1, 3), 0, 2, fillsUp));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().startsWith(target + ": the prepared corpus could not be written (No space left on "
                + "device); nothing was kept"), e.getMessage());
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertEquals(List.of(), left.toList(), "no half-written shards under another name either");
        }

        CorpusException tooSmall = assertThrows(CorpusException.class, () -> PreparedCorpus.prepare(corpus,
                CorpusFormat.csv(), encoder(2000), target, new PreparedCorpus.Layout(2, 1, 3), Long.MAX_VALUE / 2));
        System.out.println(tooSmall.getMessage());
        assertTrue(tooSmall.getMessage().matches(".*needs about [0-9.]+ MB and the disk has [0-9.]+ MB free.*"),
                tooSmall.getMessage());
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertEquals(List.of(), left.toList(), "checked before anything is written");
        }
    }

    @Test
    void aCorruptShardIsNamedWithTheOffsetOfTheDamage() throws IOException {
        Path corpus = corpus(40_000);
        PairEncoder encoder = encoder(40_000);
        Path prepared = dir.resolve("prepared");
        PreparedCorpus.prepare(corpus, CorpusFormat.csv(), encoder, prepared, new PreparedCorpus.Layout(1, 1, 3), 0);
        Path shard = prepared.resolve(PreparedCorpus.name(0));
        byte[] bytes = Files.readAllBytes(shard);
        assertTrue(bytes.length > ShardFile.BLOCK + 1000, "more than one checksum block: " + bytes.length);
        int flipped = ShardFile.BLOCK + 700;
        bytes[flipped] ^= 0x10;
        Files.write(shard, bytes);
        PreparedCorpus corpusOpened = PreparedCorpus.open(prepared, encoder.sourceVocabulary().size(),
                encoder.targetVocabulary().size());
        CorpusException e = assertThrows(CorpusException.class, () -> all(corpusOpened.open(4)));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().startsWith(shard + ": corrupt shard at byte " + ShardFile.BLOCK + ": bytes "
                + ShardFile.BLOCK + "-"), e.getMessage());

        Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        CorpusException truncated = assertThrows(CorpusException.class, () -> ShardFile.read(shard));
        assertTrue(truncated.getMessage().contains("no shard trailer (a truncated or foreign file)"),
                truncated.getMessage());

        Path foreign = dir.resolve("ids.bin");     // checksums fine, a token id the vocabulary does not have
        try (ShardFile.Writer w = new ShardFile.Writer(Files.newOutputStream(foreign), 2)) {
            w.add(new EncodedPair(new int[] {4, 5}, new int[] {6}));
            w.add(new EncodedPair(new int[] {4, 999}, new int[] {6}));
            w.finish();
        }
        var pairs = ShardFile.read(foreign).pairs(100, 100);
        pairs.next();
        CorpusException id = assertThrows(CorpusException.class, pairs::next);
        assertEquals(foreign + ": corrupt shard at byte " + (ShardFile.HEADER + 8 + 6) + ": source token id 999 is "
                + "outside the vocabulary of 100; delete the prepared corpus's directory to prepare it again",
                id.getMessage());

        CorpusException otherVocabulary = assertThrows(CorpusException.class, () -> PreparedCorpus.open(prepared,
                7, encoder.targetVocabulary().size()));
        assertTrue(otherVocabulary.getMessage().contains("prepared for vocabularies of "
                + encoder.sourceVocabulary().size()), otherVocabulary.getMessage());
    }

    @Test
    void whatAKilledPreparationLeftIsDeletedAndNothingElse() throws IOException {
        Path target = dir.resolve("run").resolve("corpus");
        Path left = Files.createDirectories(dir.resolve("run").resolve(".corpus.k3j9x"));
        Files.writeString(left.resolve(PreparedCorpus.name(0)), "half a shard");
        Path other = Files.writeString(dir.resolve("run").resolve(".corpusnotes"), "kept");
        assertEquals(List.of(left), PreparedCorpus.deleteUnfinished(target));
        assertFalse(Files.exists(left));
        assertTrue(Files.exists(other));
        assertEquals(List.of(), PreparedCorpus.deleteUnfinished(dir.resolve("nowhere").resolve("corpus")));
    }

    @Test
    void aCorpusThatChangedSinceItWasPreparedIsRefused() throws IOException {
        Path corpus = corpus(100);
        PairEncoder encoder = encoder(100);
        PreparedCorpus prepared = PreparedCorpus.prepare(corpus, CorpusFormat.csv(), encoder,
                dir.resolve("prepared"), new PreparedCorpus.Layout(2, 1, 3), 0);
        String text = Files.readString(corpus);
        Files.writeString(corpus, text.replaceFirst("\\nn7([ ,])", "\\nn8$1"));      // same size, other text
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prepared.requireSource(corpus));
        System.out.println(e.getMessage());
        assertEquals(corpus + ": the training corpus changed since it was prepared in " + dir.resolve("prepared")
                + " (same size, different SHA-256); resuming would mix two corpora: restore the file, or start a "
                + "new run", e.getMessage());
        Files.writeString(corpus, text + "n1 a,b\n", StandardCharsets.UTF_8);
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
                () -> prepared.requireSource(corpus));
        assertTrue(longer.getMessage().contains("(" + text.length() + " bytes then, " + (text.length() + 7)
                + " now)"), longer.getMessage());
        Files.writeString(corpus, text);
        prepared.requireSource(corpus);       // the same bytes again: fine
    }
}
