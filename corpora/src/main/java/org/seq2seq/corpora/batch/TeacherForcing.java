package org.seq2seq.corpora.batch;

import org.seq2seq.corpora.vocab.SpecialToken;

/**
 * The teacher-forcing shift, done here and nowhere else in the framework.
 *
 * <p>The decoder reads the gold previous token at every step and is trained to predict the
 * current one. For a target sentence of n tokens y1 … yn both sequences have n + 1 steps:
 *
 * <pre>
 * target "a dog runs"     ids             [ 7,  9, 12]
 * decoder input           START y1 y2 y3  [ 2,  7,  9, 12]
 * labels                  y1 y2 y3 END    [ 7,  9, 12,  3]
 * step t:                 t = 0: reads START (2), must predict "a" (7)
 *                         t = 3: reads "runs" (12), must predict END (3)
 * </pre>
 *
 * <p>So {@code labels[t] == decoderInput[t + 1]} for every t below n: the same sentence shifted by
 * one, with START in front of the input and END behind the labels (START = 2, END = 3, see
 * {@link SpecialToken}).
 */
public final class TeacherForcing {
    private TeacherForcing() {
    }

    /** Decoder steps for a target of {@code targetTokens} tokens: one more, for START or END. */
    public static int steps(int targetTokens) {
        return targetTokens + 1;
    }

    /** {@code START y1 … yn}: what the decoder reads, length n + 1. */
    public static int[] decoderInput(int[] target) {
        int[] input = new int[steps(target.length)];
        input[0] = SpecialToken.START.id();
        System.arraycopy(target, 0, input, 1, target.length);
        return input;
    }

    /** {@code y1 … yn END}: what the decoder must predict, length n + 1. */
    public static int[] labels(int[] target) {
        int[] labels = new int[steps(target.length)];
        System.arraycopy(target, 0, labels, 0, target.length);
        labels[target.length] = SpecialToken.END.id();
        return labels;
    }
}
