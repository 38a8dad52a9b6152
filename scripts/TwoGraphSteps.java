import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.bench.BenchSetting;
import org.seq2seq.bench.TrainingBenchmark;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.runtime.NativeRuntime;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;

/**
 * Data parallelism on one machine, the approach the second thread replaced: the gradients of a
 * batch's two halves computed by two graphs on two Java threads at once, against the whole batch
 * on one graph and the two halves one after the other (docs/performance.md). Run from the project
 * root after building the jar:
 *
 *     java -cp seq2seq-app/target/seq2seq.jar scripts/TwoGraphSteps.java b 200
 */
public class TwoGraphSteps {
    public static void main(String[] args) throws Exception {
        NativeRuntime.configure();
        BenchSetting s = BenchSetting.named(args[0]);
        int steps = Integer.parseInt(args[1]);
        ComputationGraph mine = Seq2SeqGraph.create(s.modelConfig(), new Adam(1e-3), 7, DataType.FLOAT);
        ComputationGraph other = Seq2SeqGraph.create(s.modelConfig(), new Adam(1e-3), 7, DataType.FLOAT);
        TrainingStep step = new TrainingStep(mine, 1.0);
        TrainingStep otherStep = new TrainingStep(other, 0);
        Random random = new Random(7);
        List<MultiDataSet> whole = new ArrayList<>();
        List<MultiDataSet> first = new ArrayList<>();
        List<MultiDataSet> second = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<EncodedPair> pairs = TrainingBenchmark.randomPairs(s, random);
            whole.add(PaddedBatch.of(pairs).toMultiDataSet(DataType.FLOAT));
            first.add(PaddedBatch.of(pairs.subList(0, pairs.size() / 2)).toMultiDataSet(DataType.FLOAT));
            second.add(PaddedBatch.of(pairs.subList(pairs.size() / 2, pairs.size())).toMultiDataSet(DataType.FLOAT));
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 20; i++) {
                step.gradient(whole.get(i % 4));
                otherStep.gradient(second.get(i % 4));
            }
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step.gradient(whole.get(i % 4));
            }
            double oneGraph = (System.nanoTime() - start) / 1e9 / steps;
            start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                otherStep.gradient(second.get(i % 4));
                step.gradient(first.get(i % 4));
            }
            double halvesInTurn = (System.nanoTime() - start) / 1e9 / steps;
            start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                int k = i % 4;
                Future<TrainingStep.BatchGradient> theirs = pool.submit(() -> otherStep.gradient(second.get(k)));
                step.gradient(first.get(k));
                theirs.get();
            }
            double halvesAtOnce = (System.nanoTime() - start) / 1e9 / steps;
            System.out.printf("s/gradient: whole batch %.4f, two halves in turn %.4f, at once on two threads %.4f%n",
                    oneGraph, halvesInTurn, halvesAtOnce);
        }
        pool.shutdown();
    }
}
