package org.seq2seq.core.train;

/**
 * What one finished epoch did.
 *
 * @param epoch                 the epoch, from 0
 * @param steps                 optimisation steps done in all, at its end
 * @param trainingLoss          mean cross-entropy per target token over the epoch's batches
 * @param validationLoss        mean cross-entropy per target token on the validation corpus; NaN without one
 * @param validationPerplexity  {@code exp(validationLoss)}; NaN without a validation corpus
 * @param targetTokensPerSecond real target tokens trained on per second of training (validation excluded)
 * @param sourceTokensPerSecond real source tokens per second, likewise
 * @param seconds               training time of the epoch, validation excluded
 * @param validationBleu        corpus BLEU of greedy translations of (a sample of) the validation
 *                              corpus; NaN when not measured
 */
public record EpochResult(int epoch, long steps, double trainingLoss, double validationLoss,
                          double validationPerplexity, double targetTokensPerSecond, double sourceTokensPerSecond,
                          double seconds, double validationBleu) {
    /** Whether a validation loss was measured. */
    public boolean validated() {
        return !Double.isNaN(validationLoss);
    }

    /** Whether a validation BLEU was measured. */
    public boolean hasBleu() {
        return !Double.isNaN(validationBleu);
    }
}
