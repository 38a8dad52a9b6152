package org.seq2seq.corpora.bpe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Learns BPE merges from word counts exactly as subword-nmt's {@code learn_bpe} does: each step
 * merges the most frequent pair of adjacent symbols (ties: the greater pair by code point, left
 * symbol first), stops after the given number of merges or when no pair occurs at least the
 * minimum number of times, and updates the pair counts incrementally around each merge instead
 * of recounting. Its pruning of rarely-seen pairs (kept apart and brought back when the best
 * remaining count falls below a threshold) is reproduced step for step, since it decides which
 * counts the search sees.
 *
 * <p>Symbols are numbered and words are arrays of those numbers; a pair is one {@code long}.
 */
public final class BpeLearner {
    private final int merges;
    private final int minFrequency;

    /**
     * @param merges       how many merge operations to learn (subword-nmt's {@code --symbols}), at least 0
     * @param minFrequency stop when no pair occurs this often, at least 1
     */
    public BpeLearner(int merges, int minFrequency) {
        if (merges < 0) {
            throw new IllegalArgumentException("the number of merges must be at least 0, got " + merges);
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("the minimum pair frequency must be at least 1, got " + minFrequency);
        }
        this.merges = merges;
        this.minFrequency = minFrequency;
    }

    /**
     * Counts the words of lines as subword-nmt reads its input: each line stripped of spaces and
     * line breaks and split at single spaces; empty words (from double spaces) are skipped.
     *
     * @return word counts in order of first appearance
     */
    public static Map<String, Long> countWords(Iterable<String> lines) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : lines) {
            addWords(counts, line);
        }
        return counts;
    }

    /** Adds the words of one line (see {@link #countWords}) to {@code counts}. */
    public static void addWords(Map<String, Long> counts, String line) {
        for (String word : BpeCodes.strip(line).split(" ")) {
            if (!word.isEmpty()) {
                counts.merge(word, 1L, Long::sum);
            }
        }
    }

    /** Learns with no progress reports. */
    public BpeCodes learn(Map<String, Long> wordCounts) {
        return learn(wordCounts, done -> { });
    }

    /**
     * Learns merges from {@code wordCounts}.
     *
     * @param wordCounts each word (no spaces) and how often it occurs
     * @param progress   told the number of merges learned so far, now and then
     */
    public BpeCodes learn(Map<String, Long> wordCounts, IntConsumer progress) {
        return new Run(wordCounts).learn(progress);
    }

    /** The state of one learning run. */
    private final class Run {
        private final List<String> symbols = new ArrayList<>();
        private final Map<String, Integer> ids = new HashMap<>();
        private final int[][] words;
        private final long[] frequencies;
        /** Pair counts the search looks at (pruned of rare pairs). */
        private Map<Long, Long> stats = new HashMap<>();
        /** Full counts for pruned pairs, as of their pruning. */
        private Map<Long, Long> bigStats;
        /** For each pair, in which words it occurs and how often. */
        private final Map<Long, Map<Integer, Integer>> indices = new HashMap<>();

        Run(Map<String, Long> wordCounts) {
            // subword-nmt: words with '</w>' on the last character, sorted by count, most frequent first
            List<Map.Entry<String, Long>> sorted = new ArrayList<>(wordCounts.entrySet());
            sorted.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
            words = new int[sorted.size()][];
            frequencies = new long[sorted.size()];
            for (int w = 0; w < sorted.size(); w++) {
                String word = sorted.get(w).getKey();
                if (word.isEmpty() || word.indexOf(' ') >= 0) {
                    throw new IllegalArgumentException("a word to learn from is empty or holds a space: '" + word + "'");
                }
                int[] cps = word.codePoints().toArray();
                int[] symbolIds = new int[cps.length];
                for (int k = 0; k < cps.length; k++) {
                    String s = new String(cps, k, 1);
                    symbolIds[k] = id(k == cps.length - 1 ? s + BpeCodes.END_OF_WORD : s);
                }
                words[w] = symbolIds;
                frequencies[w] = sorted.get(w).getValue();
            }
            for (int w = 0; w < words.length; w++) {
                int[] word = words[w];
                for (int k = 1; k < word.length; k++) {
                    long pair = pair(word[k - 1], word[k]);
                    stats.merge(pair, frequencies[w], Long::sum);
                    indices.computeIfAbsent(pair, p -> new HashMap<>()).merge(w, 1, Integer::sum);
                }
            }
            bigStats = new HashMap<>(stats);
        }

        BpeCodes learn(IntConsumer progress) {
            List<Merge> learned = new ArrayList<>();
            if (stats.isEmpty()) {
                return new BpeCodes(learned);             // no word has two symbols: nothing to merge
            }
            double threshold = max(stats.values()) / 10.0;
            for (int i = 0; i < merges; i++) {
                long best = 0;
                if (!stats.isEmpty()) {
                    best = mostFrequent();
                }
                if (stats.isEmpty() || (i > 0 && stats.get(best) < threshold)) {
                    // the best pair may have been pruned: go back to the full counts
                    prune(threshold);
                    stats = new HashMap<>(bigStats);
                    if (stats.isEmpty()) {
                        break;
                    }
                    best = mostFrequent();
                    threshold = stats.get(best) * i / (i + 10000.0);
                    prune(threshold);
                }
                if (stats.get(best) < minFrequency) {
                    break;
                }
                learned.add(new Merge(symbols.get(left(best)), symbols.get(right(best))));
                update(best, replace(best));
                stats.put(best, 0L);
                if (i % 100 == 0) {
                    prune(threshold);
                    progress.accept(learned.size());
                }
            }
            progress.accept(learned.size());
            return new BpeCodes(learned);
        }

        /** The pair with the greatest count, ties to the greater pair (Python's max over (count, pair)). */
        private long mostFrequent() {
            Iterator<Map.Entry<Long, Long>> it = stats.entrySet().iterator();
            Map.Entry<Long, Long> first = it.next();
            long best = first.getKey();
            long bestCount = first.getValue();
            while (it.hasNext()) {
                Map.Entry<Long, Long> e = it.next();
                long count = e.getValue();
                if (count > bestCount || (count == bestCount && comparePairs(e.getKey(), best) > 0)) {
                    best = e.getKey();
                    bestCount = count;
                }
            }
            return best;
        }

        private int comparePairs(long a, long b) {
            int c = Merge.compareCodePoints(symbols.get(left(a)), symbols.get(left(b)));
            return c != 0 ? c : Merge.compareCodePoints(symbols.get(right(a)), symbols.get(right(b)));
        }

        /**
         * subword-nmt's {@code prune_stats}: pairs under the threshold leave the search; a negative
         * count (a change since pruning) is added to the full count, any other replaces it.
         */
        private void prune(double threshold) {
            Iterator<Map.Entry<Long, Long>> it = stats.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Long> e = it.next();
                long count = e.getValue();
                if (count < threshold) {
                    it.remove();
                    if (count < 0) {
                        bigStats.merge(e.getKey(), count, Long::sum);
                    } else {
                        bigStats.put(e.getKey(), count);
                    }
                }
            }
        }

        /** One changed word: its index, new and old symbols, and its count. */
        private record Change(int index, int[] word, int[] oldWord, long frequency) {
        }

        /** Merges every occurrence of {@code pair} in the words that hold it, left to right. */
        private List<Change> replace(long pair) {
            int a = left(pair);
            int b = right(pair);
            int joined = id(symbols.get(a) + symbols.get(b));
            List<Change> changes = new ArrayList<>();
            Map<Integer, Integer> where = indices.get(pair);
            if (where == null) {
                return changes;
            }
            for (Map.Entry<Integer, Integer> e : where.entrySet()) {
                if (e.getValue() < 1) {
                    continue;
                }
                int w = e.getKey();
                int[] old = words[w];
                int[] merged = new int[old.length];
                int n = 0;
                for (int k = 0; k < old.length; k++) {
                    if (k + 1 < old.length && old[k] == a && old[k + 1] == b) {
                        merged[n++] = joined;
                        k++;
                    } else {
                        merged[n++] = old[k];
                    }
                }
                int[] word = java.util.Arrays.copyOf(merged, n);
                words[w] = word;
                changes.add(new Change(w, word, old, frequencies[w]));
            }
            return changes;
        }

        /** subword-nmt's {@code update_pair_statistics}: counts change only around the merged pair. */
        private void update(long pair, List<Change> changes) {
            stats.put(pair, 0L);
            indices.put(pair, new HashMap<>());
            int first = left(pair);
            int second = right(pair);
            int joined = ids.get(symbols.get(first) + symbols.get(second));
            for (Change c : changes) {
                int[] old = c.oldWord();
                long freq = c.frequency();
                int j = c.index();
                int i = 0;
                while ((i = indexOf(old, first, i)) >= 0) {
                    if (i < old.length - 1 && old[i + 1] == second) {
                        if (i > 0) {
                            add(pair(old[i - 1], old[i]), -freq, j, -1);       // A B C: "A B" loses
                        }
                        if (i < old.length - 2) {
                            // A B C B: "C B" loses, unless A B C B C, where the block above counts it
                            if (old[i + 2] != first || i >= old.length - 3 || old[i + 3] != second) {
                                add(pair(old[i + 1], old[i + 2]), -freq, j, -1);
                            }
                        }
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
                int[] word = c.word();
                i = 0;
                while ((i = indexOf(word, joined, i)) >= 0) {
                    if (i > 0) {
                        add(pair(word[i - 1], word[i]), freq, j, 1);          // A BC: "A BC" gains
                    }
                    if (i < word.length - 1 && word[i + 1] != joined) {
                        add(pair(word[i], word[i + 1]), freq, j, 1);          // BC B: "BC B" gains, not BC BC
                    }
                    i += 1;
                }
            }
        }

        private void add(long pair, long count, int word, int occurrences) {
            stats.merge(pair, count, Long::sum);
            indices.computeIfAbsent(pair, p -> new HashMap<>()).merge(word, occurrences, Integer::sum);
        }

        private int id(String symbol) {
            Integer id = ids.get(symbol);
            if (id == null) {
                id = symbols.size();
                symbols.add(symbol);
                ids.put(symbol, id);
            }
            return id;
        }
    }

    private static int indexOf(int[] word, int symbol, int from) {
        for (int k = from; k < word.length; k++) {
            if (word[k] == symbol) {
                return k;
            }
        }
        return -1;
    }

    private static long max(Iterable<Long> values) {
        long m = Long.MIN_VALUE;
        for (long v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xffffffffL);
    }

    private static int left(long pair) {
        return (int) (pair >>> 32);
    }

    private static int right(long pair) {
        return (int) pair;
    }
}
