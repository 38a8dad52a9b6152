package org.seq2seq.core.toy;

import java.util.EnumMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.BucketBatchIterator;
import org.seq2seq.corpora.batch.InMemoryPairs;
import org.seq2seq.decoder.attention.Attention;

/**
 * Reversing sequences of 15 to 25 symbols (words {@code s0} to {@code s9}), learned by a small
 * model (E 16, H 64, context fed to every step) in 600 Adam steps of 64 pairs, with or without
 * attention; each trained once per test JVM and shared. Same data, seed and steps for every
 * attention setting.
 */
public final class LongReversal {
    public static final int STEPS = 600;
    private static final Map<Attention, Seq2SeqModel> MODELS = new EnumMap<>(Attention.class);
    private static ReversalTask task;

    private LongReversal() {
    }

    public static synchronized ReversalTask task() {
        if (task == null) {
            task = new ReversalTask(20_000, 500, 5, 15, 25);
        }
        return task;
    }

    public static synchronized Seq2SeqModel model(Attention attention) {
        return MODELS.computeIfAbsent(attention, LongReversal::train);
    }

    private static Seq2SeqModel train(Attention attention) {
        ModelConfig config = ModelConfig.builder(ReversalTask.VOCABULARY, ReversalTask.VOCABULARY).embeddingSize(16)
                .hiddenSize(64).feedContext(true).bidirectional(false).attention(attention).build();
        ComputationGraph graph = Seq2SeqGraph.create(config, new Adam(0.005), 3, DataType.FLOAT);
        TrainingStep step = new TrainingStep(graph, 1.0);
        BucketBatchIterator batches = BucketBatchIterator.builder(new InMemoryPairs(task().train)).batchSize(64)
                .build();
        long start = System.nanoTime();
        for (int done = 0, epoch = 0; done < STEPS; epoch++) {
            batches.setEpoch(epoch);
            while (batches.hasNext() && done < STEPS) {
                step.run(batches.next());
                done++;
            }
        }
        System.out.printf("reversal of 15-25 symbols, attention %s: %d steps in %.1f s%n", attention, STEPS,
                (System.nanoTime() - start) / 1e9);
        return ReversalTask.model(graph, config);
    }
}
