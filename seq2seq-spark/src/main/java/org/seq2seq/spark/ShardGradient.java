package org.seq2seq.spark;

import java.io.Serializable;

/**
 * What one partition sends back: the gradient of the summed token loss over its share of the
 * batch, with the loss and counts. Shares add up to the global batch's gradient.
 *
 * @param sum       d(summed loss)/d(parameters), {@code [parameters]}; empty for no pairs
 * @param lossSum   summed cross-entropy of the real target tokens
 * @param tokens    real target tokens
 * @param sentences sentence pairs
 */
record ShardGradient(float[] sum, double lossSum, long tokens, int sentences) implements Serializable {
    /** Nothing yet: the start of a sum. */
    static final ShardGradient NONE = new ShardGradient(new float[0], 0, 0, 0);

    /** Both shares together. */
    ShardGradient plus(ShardGradient other) {
        if (other.sum.length == 0) {
            return this;
        }
        if (sum.length == 0) {
            return other;
        }
        float[] total = sum.clone();
        for (int i = 0; i < total.length; i++) {
            total[i] += other.sum[i];
        }
        return new ShardGradient(total, lossSum + other.lossSum, tokens + other.tokens, sentences + other.sentences);
    }
}
