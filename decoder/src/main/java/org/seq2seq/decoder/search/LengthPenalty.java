package org.seq2seq.decoder.search;

/**
 * What a hypothesis's log-probability is divided by to rank it, so that longer outputs are not
 * punished merely for having more factors below 1. The length counts END when the hypothesis has
 * one.
 */
@FunctionalInterface
public interface LengthPenalty {

    /** The divisor for an output of {@code length} tokens, at least 1. */
    double divisor(int length);

    /** No normalization: raw log-probabilities. */
    static LengthPenalty none() {
        return length -> 1;
    }

    /** {@code length^alpha}, as in the PyTorch reference (alpha 1: log-probability per token). */
    static LengthPenalty power(double alpha) {
        check(alpha);
        return length -> Math.pow(Math.max(1, length), alpha);
    }

    /** GNMT's {@code ((5 + length) / 6)^alpha} (Wu et al. 2016). */
    static LengthPenalty gnmt(double alpha) {
        check(alpha);
        return length -> Math.pow((5.0 + length) / 6.0, alpha);
    }

    private static void check(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("the length penalty's alpha must be 0 or more, got " + alpha);
        }
    }
}
