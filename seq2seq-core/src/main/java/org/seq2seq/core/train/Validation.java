package org.seq2seq.core.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.seq2seq.corpora.batch.BucketBatchIterator;

/** Mean cross-entropy per real target token, and perplexity, over a validation set. */
public final class Validation {
    private Validation() {
    }

    /**
     * @param loss       mean cross-entropy per real target token (natural log)
     * @param perplexity {@code exp(loss)}
     * @param tokens     real target tokens scored
     */
    public record Result(double loss, double perplexity, long tokens) {
    }

    /**
     * Scores every batch of {@code batches} (one epoch of it, from its start) without dropout.
     * The graph must be built with {@code miniBatch(false)}: its score is then a sum over tokens.
     */
    public static Result run(ComputationGraph graph, BucketBatchIterator batches) {
        double total = 0;
        long tokens = 0;
        batches.setEpoch(0);
        while (batches.hasNext()) {
            MultiDataSet batch = batches.next();
            total += graph.score(batch, false);
            tokens += Math.round(batch.getLabelsMaskArray(0).sumNumber().doubleValue());
        }
        double loss = total / Math.max(1, tokens);
        return new Result(loss, Math.exp(loss), tokens);
    }
}
