package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.seq2seq.core.toy.LongReversal;
import org.seq2seq.core.toy.ReversalTask;
import org.seq2seq.decoder.attention.Attention;

/**
 * Reversing sequences of 15 to 25 symbols: too much for one context vector of a small model, easy
 * for attention, which can look up the symbol it needs. The same model, data, seed and number of
 * steps with and without attention ({@link LongReversal}); held-out token accuracy with teacher
 * forcing.
 */
@Tag("slow")
class AttentionReversalTest {

    @Test
    void attentionLearnsLongReversalsThatTheContextVectorCannot() {
        ReversalTask task = LongReversal.task();
        double[] accuracy = new double[2];
        Attention[] settings = {Attention.NONE, Attention.DOT};
        for (int i = 0; i < 2; i++) {
            var graph = LongReversal.model(settings[i]).graph();
            accuracy[i] = ReversalTask.tokenAccuracy(graph, task.heldOut);
            System.out.printf("reversal of 15-25 symbols, attention %s: held-out token accuracy %.4f, exact match "
                    + "%.4f%n", settings[i], accuracy[i], ReversalTask.exactMatch(graph, task.heldOut));
        }
        assertTrue(accuracy[1] >= 0.9, "with attention, held-out token accuracy " + accuracy[1]);
        assertTrue(accuracy[1] - accuracy[0] >= 0.3, "attention " + accuracy[1] + " against the context vector alone "
                + accuracy[0]);
    }
}
