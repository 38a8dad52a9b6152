package org.seq2seq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;

/**
 * Training steps (forward, backward, clipping at norm 1, Adam at 0.001) on four synthetic batches
 * used in turn, as the PyTorch peer's {@code train-bench} does: a few warm-up steps, then timed
 * steps.
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {
    }

    /**
     * @param setting         the sizes
     * @param parameters      trainable parameters
     * @param steps           timed steps
     * @param secondsPerStep  mean wall time of a timed step
     * @param targetTokensPerSecond real target tokens (labels {@code y1 … yn END}) per second
     * @param sourceTokensPerSecond real source tokens per second
     * @param finalLoss       the last step's loss (a sanity check: it must be finite)
     * @param blasThreads     OpenBLAS's threads during the run
     */
    public record Result(BenchSetting setting, long parameters, int steps, double secondsPerStep,
                         double targetTokensPerSecond, double sourceTokensPerSecond, double finalLoss,
                         int blasThreads) {
    }

    public static Result run(BenchSetting s, int warmup, int steps, long seed) {
        if (warmup < 0 || steps < 1) {
            throw new IllegalArgumentException("warm-up steps must be 0 or more and timed steps at least 1");
        }
        ComputationGraph graph = Seq2SeqGraph.create(s.modelConfig(), new Adam(1e-3), seed, DataType.FLOAT);
        TrainingStep step = new TrainingStep(graph, 1.0);
        List<MultiDataSet> batches = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < 4; i++) {
            batches.add(batch(s, random));
        }
        for (int i = 0; i < warmup; i++) {
            step.run(batches.get(i % 4));
        }
        long targetTokens = 0;
        long sourceTokens = 0;
        TrainingStep.Result last = null;
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            last = step.run(batches.get(i % 4));
            targetTokens += last.tokens();
            sourceTokens += (long) s.batch() * s.sourceLength();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(s, graph.numParams(), steps, seconds / steps, targetTokens / seconds,
                sourceTokens / seconds, last.loss(), ProcessStats.blasThreads());
    }

    /** Random ids 4 … V-1, every sentence full length, so no padding. */
    private static MultiDataSet batch(BenchSetting s, Random random) {
        return PaddedBatch.of(randomPairs(s, random)).toMultiDataSet(DataType.FLOAT);
    }

    /**
     * One batch's sentence pairs of a setting: random ids 4 … V-1, every sentence full length (for
     * the scripts that time pieces of a step, too).
     */
    public static List<EncodedPair> randomPairs(BenchSetting s, Random random) {
        List<EncodedPair> pairs = new ArrayList<>();
        for (int b = 0; b < s.batch(); b++) {
            int[] source = new int[s.sourceLength()];
            int[] target = new int[s.targetLength()];
            for (int i = 0; i < source.length; i++) {
                source[i] = 4 + random.nextInt(s.sourceVocabulary() - 4);
            }
            for (int i = 0; i < target.length; i++) {
                target[i] = 4 + random.nextInt(s.targetVocabulary() - 4);
            }
            pairs.add(new EncodedPair(source, target));
        }
        return pairs;
    }
}
