package org.seq2seq.decoder.search;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The target phrases one sentence's translation must contain (lexical constraints, Post and Vilar
 * 2018), as token ids: each phrase must appear somewhere in the output as consecutive tokens, in
 * any order; phrases may overlap.
 */
public final class Constraints {
    private static final Constraints NONE = new Constraints(new int[0][], token -> false);

    private final int[][] phrases;
    /** Tokens that join the next into one word (subwords that do not end a word): no phrase starts after one. */
    private final IntPredicate joinsNext;
    /** Per phrase, the Knuth-Morris-Pratt failure function: {@code fail[i]} is the longest proper border of its first i + 1 tokens. */
    private final int[][] fail;
    private final int tokens;

    private Constraints(int[][] phrases, IntPredicate joinsNext) {
        this.phrases = phrases;
        this.joinsNext = joinsNext;
        this.fail = new int[phrases.length][];
        int total = 0;
        for (int p = 0; p < phrases.length; p++) {
            fail[p] = failure(phrases[p]);
            total += phrases[p].length;
        }
        this.tokens = total;
    }

    /**
     * Phrases of whole tokens: a phrase may start after any token.
     *
     * @param phrases token ids of each phrase, none empty; copied
     * @throws IllegalArgumentException for an empty phrase or a negative id
     */
    public static Constraints of(int[]... phrases) {
        return of(token -> false, phrases);
    }

    /**
     * Phrases of words split into subwords: a phrase starts only where a word does, not after a
     * token that {@code joinsNext} (a subword continued by the next token, {@code dog@@}), so that
     * a phrase's first word is written as a word of its own.
     *
     * @param joinsNext whether a token joins the next into one word
     * @param phrases   token ids of each phrase, none empty; copied
     * @throws IllegalArgumentException for an empty phrase or a negative id
     */
    public static Constraints of(IntPredicate joinsNext, int[]... phrases) {
        java.util.Objects.requireNonNull(joinsNext, "joinsNext");
        int[][] copy = new int[phrases.length][];
        for (int p = 0; p < phrases.length; p++) {
            if (phrases[p].length == 0) {
                throw new IllegalArgumentException("constraint " + (p + 1) + " is empty");
            }
            for (int id : phrases[p]) {
                if (id < 0) {
                    throw new IllegalArgumentException("constraint " + (p + 1) + " holds the token id " + id);
                }
            }
            copy[p] = phrases[p].clone();
        }
        return copy.length == 0 ? NONE : new Constraints(copy, joinsNext);
    }

    /** No constraints: an unconstrained search. */
    public static Constraints none() {
        return NONE;
    }

    public int size() {
        return phrases.length;
    }

    public boolean isEmpty() {
        return phrases.length == 0;
    }

    /** The phrase's token ids (a copy). */
    public int[] phrase(int index) {
        return phrases[index].clone();
    }

    /** Tokens in all phrases together: what a translation must at least write besides END. */
    public int tokens() {
        return tokens;
    }

    /** The tracker of a translation that has written nothing yet. */
    public ConstraintTracker start() {
        return new ConstraintTracker(this, new int[phrases.length]);
    }

    int length(int phrase) {
        return phrases[phrase].length;
    }

    int token(int phrase, int position) {
        return phrases[phrase][position];
    }

    /**
     * How much of {@code phrase} is matched after {@code written} is followed by {@code token}:
     * the longest prefix of the phrase that ends there and starts where a word does.
     *
     * @param matched the longest such prefix that ends {@code written}
     */
    int advance(int phrase, int matched, int[] written, int token) {
        int[] p = phrases[phrase];
        if (matched == p.length) {
            return matched;                             // met once, met for good
        }
        for (int m = matched; ; m = fail[phrase][m - 1]) {     // the prefixes ending `written`, longest first
            if (p[m] == token && startsWord(written, written.length - m)) {
                return m + 1;
            }
            if (m == 0) {
                return 0;
            }
        }
    }

    /** Whether a phrase may start at position {@code start} of {@code written}: at its start, or after a word's end. */
    boolean startsWord(int[] written, int start) {
        return start == 0 || !joinsNext.test(written[start - 1]);
    }

    private static int[] failure(int[] p) {
        int[] f = new int[p.length];
        for (int i = 1, k = 0; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) {
                k = f[k - 1];
            }
            if (p[i] == p[k]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }

    @Override
    public String toString() {
        return Arrays.deepToString(phrases);
    }
}
