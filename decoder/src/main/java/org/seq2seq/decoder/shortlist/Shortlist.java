package org.seq2seq.decoder.shortlist;

import java.util.Arrays;
import java.util.Objects;
import org.seq2seq.corpora.vocab.SpecialToken;

/**
 * Which target tokens a search scores for a sentence: the special tokens, the {@code frequent}
 * target tokens, and the translations listed for each of the sentence's source tokens.
 * Immutable.
 *
 * @param targetVocabularySize V, the size of the target vocabulary the ids belong to
 * @param frequent             target ids scored for every sentence, most frequent first
 * @param translations         for each source id, its likeliest target ids, likeliest first
 *                             (empty for a source token the corpus never had)
 */
public record Shortlist(int targetVocabularySize, int[] frequent, int[][] translations) {
    /** The special tokens (ids 0 to 3), in every sentence's candidates. */
    private static final int SPECIALS = SpecialToken.values().length;

    public Shortlist {
        Objects.requireNonNull(frequent, "frequent");
        Objects.requireNonNull(translations, "translations");
        if (targetVocabularySize <= SPECIALS) {
            throw new IllegalArgumentException("a target vocabulary of " + targetVocabularySize + " tokens");
        }
        check(frequent, targetVocabularySize, "frequent");
        for (int s = 0; s < translations.length; s++) {
            check(Objects.requireNonNull(translations[s], "translations of source token " + s), targetVocabularySize,
                    "translations of source token " + s);
        }
    }

    private static void check(int[] ids, int size, String what) {
        for (int id : ids) {
            if (id < 0 || id >= size) {
                throw new IllegalArgumentException(what + " has the target id " + id + ", outside [0, " + size + ")");
            }
        }
    }

    /** The source vocabulary size it was learned for. */
    public int sourceVocabularySize() {
        return translations.length;
    }

    /**
     * The target ids to score for one sentence, ascending and distinct: the special tokens, the
     * frequent ones and every source token's translations.
     *
     * @param source the sentence's source ids; ids outside the source vocabulary fail
     * @return the candidates {@code [K]}, K at most V
     */
    public int[] candidates(int[] source) {
        boolean[] chosen = new boolean[targetVocabularySize];
        for (int special = 0; special < SPECIALS; special++) {
            chosen[special] = true;
        }
        for (int id : frequent) {
            chosen[id] = true;
        }
        for (int s : source) {
            if (s < 0 || s >= translations.length) {
                throw new IllegalArgumentException("source id " + s + " outside the shortlist's source vocabulary of "
                        + translations.length);
            }
            for (int t : translations[s]) {
                chosen[t] = true;
            }
        }
        int count = 0;
        for (boolean c : chosen) {
            count += c ? 1 : 0;
        }
        int[] out = new int[count];
        int at = 0;
        for (int t = 0; t < chosen.length; t++) {
            if (chosen[t]) {
                out[at++] = t;
            }
        }
        return out;
    }

    /** The most translations listed for one source token. */
    public int translationsPerToken() {
        return Arrays.stream(translations).mapToInt(t -> t.length).max().orElse(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shortlist other && targetVocabularySize == other.targetVocabularySize
                && Arrays.equals(frequent, other.frequent) && Arrays.deepEquals(translations, other.translations);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * targetVocabularySize + Arrays.hashCode(frequent)) + Arrays.deepHashCode(translations);
    }

    @Override
    public String toString() {
        return "Shortlist[" + frequent.length + " frequent, up to " + translationsPerToken() + " per source token of "
                + translations.length + ", target vocabulary " + targetVocabularySize + "]";
    }
}
