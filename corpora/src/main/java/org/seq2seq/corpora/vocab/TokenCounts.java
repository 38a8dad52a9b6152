package org.seq2seq.corpora.vocab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq.corpora.text.Whitespace;

/**
 * How often each token occurs on one side of a corpus: the input to
 * {@link Vocabulary#of(TokenCounts, int, int)}. Memory grows with the number of distinct tokens,
 * not with the corpus. Not thread-safe.
 */
public final class TokenCounts {
    private final Map<String, long[]> counts = new HashMap<>();
    private long total;

    /**
     * Counts the tokens of one sentence.
     *
     * @throws IllegalArgumentException for an empty token or one holding a space or line break
     *         (it could not be written one per line)
     */
    public TokenCounts add(List<String> tokens) {
        for (String token : tokens) {
            if (token.isEmpty() || Whitespace.containsSeparator(token)) {
                throw new IllegalArgumentException("not a token (empty or holding a space): '" + token + "'");
            }
            counts.computeIfAbsent(token, t -> new long[1])[0]++;
            total++;
        }
        return this;
    }

    /** How often {@code token} was counted. */
    public long count(String token) {
        long[] c = counts.get(token);
        return c == null ? 0 : c[0];
    }

    /** Number of distinct tokens counted. */
    public int distinct() {
        return counts.size();
    }

    /** Number of tokens counted. */
    public long total() {
        return total;
    }

    /** Each token and its count, most frequent first (ties in {@link String#compareTo} order). */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (String token : byFrequency(1)) {
            map.put(token, counts.get(token)[0]);
        }
        return map;
    }

    /**
     * The tokens counted at least {@code minFrequency} times, most frequent first, ties in
     * {@link String#compareTo} order, so that the result never depends on hashing.
     */
    List<String> byFrequency(int minFrequency) {
        List<String> tokens = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (e.getValue()[0] >= minFrequency) {
                tokens.add(e.getKey());
            }
        }
        tokens.sort(Comparator.comparingLong((String t) -> -counts.get(t)[0]).thenComparing(Comparator.naturalOrder()));
        return tokens;
    }
}
