import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.app.bench.BenchSetting;
import org.seq2seq.app.bench.TrainingBenchmark;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.runtime.NativeRuntime;
import org.seq2seq.core.train.TrainingStep;
import org.seq2seq.corpora.batch.EncodedPair;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.nn.SecondThread;

/**
 * Training steps of a bench setting with the second thread off and on, alternated 20 times in one
 * JVM after 50 warm-up steps, so that the machine's swings and the JIT's work fall on both
 * (docs/performance.md). Run from the project root after building the jar:
 *
 *     java -cp seq2seq-app/target/seq2seq.jar scripts/SecondThreadToggle.java b 50
 */
public class SecondThreadToggle {
    public static void main(String[] args) {
        NativeRuntime.configure();
        BenchSetting s = BenchSetting.named(args[0]);
        int steps = Integer.parseInt(args[1]);
        NativeRuntime.forModel(s.modelConfig());
        ComputationGraph graph = Seq2SeqGraph.create(s.modelConfig(), new Adam(1e-3), 7, DataType.FLOAT);
        TrainingStep step = new TrainingStep(graph, 1.0);
        Random random = new Random(7);
        List<MultiDataSet> batches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<EncodedPair> pairs = TrainingBenchmark.randomPairs(s, random);
            batches.add(PaddedBatch.of(pairs).toMultiDataSet(DataType.FLOAT));
        }
        for (int i = 0; i < 50; i++) {
            step.run(batches.get(i % 4));
        }
        double[] total = new double[2];
        for (int round = 0; round < 20; round++) {
            for (int on = 0; on < 2; on++) {
                SecondThread.use(on == 1);
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    step.run(batches.get(i % 4));
                }
                total[on] += (System.nanoTime() - start) / 1e9 / steps;
            }
        }
        System.out.printf("setting %s, s/step: second thread off %.5f, on %.5f%n", s.name(), total[0] / 20,
                total[1] / 20);
    }
}
