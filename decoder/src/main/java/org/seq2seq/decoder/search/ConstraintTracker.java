package org.seq2seq.decoder.search;

import java.util.Arrays;

/**
 * How far one hypothesis has come in meeting its sentence's {@link Constraints}: for each phrase
 * the length of its longest prefix that ends the hypothesis, or the whole phrase once it has
 * appeared. Immutable: {@link #advance} returns a new tracker.
 */
public final class ConstraintTracker {
    private final Constraints constraints;
    /** Per phrase: its tokens matched at the end of the hypothesis; its length once met. */
    private final int[] matched;

    ConstraintTracker(Constraints constraints, int[] matched) {
        this.constraints = constraints;
        this.matched = matched;
    }

    /**
     * The tracker after the hypothesis writes {@code token}.
     *
     * @param written the hypothesis's tokens before it, which this tracker tracked
     */
    public ConstraintTracker advance(int[] written, int token) {
        if (matched.length == 0) {
            return this;
        }
        int[] next = new int[matched.length];
        for (int p = 0; p < matched.length; p++) {
            next[p] = constraints.advance(p, matched[p], written, token);
        }
        return Arrays.equals(next, matched) ? this : new ConstraintTracker(constraints, next);
    }

    /** Whether every phrase has appeared: only then may the hypothesis end. */
    public boolean allMet() {
        for (int p = 0; p < matched.length; p++) {
            if (matched[p] < constraints.length(p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hypothesis's bank in dynamic beam allocation: the tokens of the phrases met, plus the
     * longest partial match of one not met yet; from 0 to {@link Constraints#tokens()}.
     */
    public int progress() {
        int met = 0;
        int partial = 0;
        for (int p = 0; p < matched.length; p++) {
            if (matched[p] == constraints.length(p)) {
                met += matched[p];
            } else {
                partial = Math.max(partial, matched[p]);
            }
        }
        return met + partial;
    }

    /**
     * The tokens that would take a phrase not met yet one token further after {@code written}:
     * the next token of each partial match, and the first token of each phrase where a word may
     * start (a fresh start); may repeat.
     */
    public int[] wanted(int[] written) {
        int[] out = new int[2 * matched.length];
        int n = 0;
        boolean wordStart = constraints.startsWord(written, written.length);
        for (int p = 0; p < matched.length; p++) {
            if (matched[p] < constraints.length(p)) {
                if (matched[p] > 0 || wordStart) {
                    out[n++] = constraints.token(p, matched[p]);
                }
                if (matched[p] > 0 && wordStart) {
                    out[n++] = constraints.token(p, 0);
                }
            }
        }
        return Arrays.copyOf(out, n);
    }
}
