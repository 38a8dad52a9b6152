package org.seq2seq.decoder.shortlist;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Learns a {@link Shortlist} from sentence pairs of ids. Each source token's translations are
 * the target tokens of highest Dice coefficient with it over the pairs,
 * {@code 2·c(s, t) / (c(s) + c(t))}, where {@code c} counts the pairs a token (or both) occurs
 * in: unlike {@code p(t | s)} it does not rank the articles and full stops, which every sentence
 * has, first for every word (they are among the frequent tokens, which every sentence gets).
 * Memory holds the distinct co-occurring pairs, up to a limit ({@link CooccurrenceCounts}), not
 * the corpus. Not thread-safe.
 *
 * <pre>{@code
 * ShortlistBuilder builder = new ShortlistBuilder(sourceVocabularySize, targetVocabularySize);
 * for (each pair) builder.add(sourceIds, targetIds);
 * Shortlist shortlist = builder.build(100, 30);
 * }</pre>
 */
public final class ShortlistBuilder {
    /**
     * The most distinct co-occurring pairs counted before the rarest are dropped: a table of about
     * 1.6 GB at the limit, twice that for the moment it is rebuilt.
     */
    public static final long DEFAULT_PAIR_LIMIT = 64L << 20;
    private final int sourceSize;
    private final int targetSize;
    private final long[] sourceCounts;
    private final long[] targetCounts;
    private final CooccurrenceCounts pairs;
    private long sentences;
    // scratch: the distinct ids of one pair
    private final boolean[] seenSource;
    private final boolean[] seenTarget;

    public ShortlistBuilder(int sourceVocabularySize, int targetVocabularySize) {
        this(sourceVocabularySize, targetVocabularySize, DEFAULT_PAIR_LIMIT);
    }

    /** @param pairLimit the most distinct (source, target) pairs held at once */
    public ShortlistBuilder(int sourceVocabularySize, int targetVocabularySize, long pairLimit) {
        if (sourceVocabularySize < 1 || targetVocabularySize < 1) {
            throw new IllegalArgumentException("vocabularies of " + sourceVocabularySize + " and " + targetVocabularySize
                    + " tokens");
        }
        sourceSize = sourceVocabularySize;
        targetSize = targetVocabularySize;
        sourceCounts = new long[sourceSize];
        targetCounts = new long[targetSize];
        pairs = new CooccurrenceCounts(pairLimit);
        seenSource = new boolean[sourceSize];
        seenTarget = new boolean[targetSize];
    }

    /**
     * Counts one sentence pair.
     *
     * @param source its source ids
     * @param target its target ids (no START or END)
     * @throws IllegalArgumentException for an id outside its vocabulary
     */
    public void add(int[] source, int[] target) {
        int[] s = distinct(source, seenSource, "source");
        int[] t = distinct(target, seenTarget, "target");
        for (int a : s) {
            sourceCounts[a]++;
        }
        for (int b : t) {
            targetCounts[b]++;
        }
        for (int a : s) {
            for (int b : t) {
                pairs.add(a, b);
            }
        }
        sentences++;
    }

    private static int[] distinct(int[] ids, boolean[] seen, String side) {
        int[] out = new int[ids.length];
        int n = 0;
        for (int id : ids) {
            if (id < 0 || id >= seen.length) {
                throw new IllegalArgumentException(side + " id " + id + " outside a vocabulary of " + seen.length);
            }
            if (!seen[id]) {
                seen[id] = true;
                out[n++] = id;
            }
        }
        for (int i = 0; i < n; i++) {
            seen[out[i]] = false;
        }
        return Arrays.copyOf(out, n);
    }

    /** Sentence pairs counted. */
    public long sentences() {
        return sentences;
    }

    /**
     * The shortlist.
     *
     * @param frequent        how many of the most frequent target tokens every sentence gets
     * @param perSourceToken  how many translations each source token lists
     */
    public Shortlist build(int frequent, int perSourceToken) {
        if (frequent < 0 || perSourceToken < 0) {
            throw new IllegalArgumentException("frequent " + frequent + " and per source token " + perSourceToken
                    + " must not be negative");
        }
        int[] mostFrequent = IntStream.range(0, targetSize).boxed()
                .filter(t -> targetCounts[t] > 0)
                .sorted(Comparator.comparingLong((Integer t) -> -targetCounts[t]).thenComparingInt(t -> t))
                .limit(frequent).mapToInt(Integer::intValue).toArray();
        // per source token, the best perSourceToken so far: a min-heap on (score, then larger id worse)
        double[][] scores = new double[sourceSize][];
        int[][] ids = new int[sourceSize][];
        int[] held = new int[sourceSize];
        if (perSourceToken > 0) {
            pairs.forEach((s, t, count) -> {
                double dice = 2.0 * count / (sourceCounts[s] + targetCounts[t]);
                if (scores[s] == null) {
                    scores[s] = new double[perSourceToken];
                    ids[s] = new int[perSourceToken];
                }
                offer(scores[s], ids[s], held, s, dice, t);
            });
        }
        int[][] translations = new int[sourceSize][];
        for (int s = 0; s < sourceSize; s++) {
            int n = held[s];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            double[] sc = scores[s];
            int[] id = ids[s];
            Arrays.sort(order, (a, b) -> better(sc[a], id[a], sc[b], id[b]) ? -1 : better(sc[b], id[b], sc[a], id[a]) ? 1 : 0);
            translations[s] = new int[n];
            for (int i = 0; i < n; i++) {
                translations[s][i] = id[order[i]];
            }
        }
        return new Shortlist(targetSize, mostFrequent, translations);
    }

    /** Whether (score a, id a) ranks before (score b, id b): higher score, then lower id. */
    private static boolean better(double scoreA, int idA, double scoreB, int idB) {
        return scoreA > scoreB || scoreA == scoreB && idA < idB;
    }

    /** Offers a candidate to a bounded min-heap whose root is the worst held. */
    private static void offer(double[] scores, int[] ids, int[] held, int s, double score, int id) {
        int n = held[s];
        if (n < scores.length) {
            int i = n;
            held[s] = n + 1;
            while (i > 0) {                                  // sift up: the worse goes to the root
                int parent = (i - 1) / 2;
                if (!better(scores[parent], ids[parent], score, id)) {
                    break;
                }
                scores[i] = scores[parent];
                ids[i] = ids[parent];
                i = parent;
            }
            scores[i] = score;
            ids[i] = id;
            return;
        }
        if (!better(score, id, scores[0], ids[0])) {
            return;
        }
        int i = 0;
        while (true) {                                       // sift down from the root
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && better(scores[child], ids[child], scores[child + 1], ids[child + 1])) {
                child++;                                     // the worse child
            }
            if (!better(score, id, scores[child], ids[child])) {
                break;
            }
            scores[i] = scores[child];
            ids[i] = ids[child];
            i = child;
        }
        scores[i] = score;
        ids[i] = id;
    }
}
