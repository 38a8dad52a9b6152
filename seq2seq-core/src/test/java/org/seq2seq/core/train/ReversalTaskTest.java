package org.seq2seq.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.toy.ReversalTask;
import org.seq2seq.core.toy.TrainedReversal;

/**
 * The whole model learns a task it can only solve through the context vector: reversing random
 * sequences of 3 to 8 symbols (trained in {@link TrainedReversal}).
 */
@Tag("slow")
class ReversalTaskTest {

    @Test
    void learnsToReverseHeldOutSequences() {
        ReversalTask task = TrainedReversal.task();
        ModelConfig config = ModelConfig.builder(ReversalTask.VOCABULARY, ReversalTask.VOCABULARY)
                .embeddingSize(32).hiddenSize(128).feedContext(true).build();
        ComputationGraph untrained = Seq2SeqGraph.create(config, new Adam(0.006), 7, DataType.FLOAT);
        double before = ReversalTask.exactMatch(untrained, task.heldOut);
        double after = ReversalTask.exactMatch(TrainedReversal.model().graph(), task.heldOut);
        System.out.printf("reversal task, %d held-out sequences, teacher-forced exact match: %.4f untrained, %.4f trained%n",
                task.heldOut.size(), before, after);

        assertTrue(before < 0.01, "an untrained model should not reverse anything, got " + before);
        assertTrue(after >= 0.95, "held-out exact match with teacher forcing after 3 epochs: " + after);
    }
}
