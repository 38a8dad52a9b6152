package org.seq2seq.core.train;

import java.io.IOException;
import org.seq2seq.core.model.Seq2SeqModel;

/**
 * Scores the model after an epoch on held-out data, higher is better: validation BLEU
 * ({@link ValidationBleu}), or anything a test needs.
 */
@FunctionalInterface
public interface EpochScorer {
    double score(Seq2SeqModel model) throws IOException;
}
