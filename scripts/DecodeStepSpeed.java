import java.util.*;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.seq2seq.bench.*;
import org.seq2seq.core.model.*;
import org.seq2seq.core.runtime.NativeRuntime;
import org.seq2seq.decoder.gru.*;
import org.seq2seq.nn.*;

/**
 * The pieces of one decoding step of a random setting-(a) model (E256 H512, vocabularies 8000),
 * for N rows (50: greedy over 50 sentences; 250: beam 5), each timed in the step's workspace:
 * the embedding lookup, the GRU step, the output projection, the copy to Java and the
 * log-softmax (docs/performance.md). Run from the project root after building the jar:
 *
 *     java -cp seq2seq-app/target/seq2seq.jar scripts/DecodeStepSpeed.java 50
 */
public class DecodeStepSpeed {
    interface R { Object run(); }
    /** The decoding step's workspace configuration (DecoderStack's). */
    static final WorkspaceConfiguration WS = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.2).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT).build();
    static void time(String name, int reps, R r0) {
        R r = () -> { try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, "bench")) { return r0.run(); } };
        for (int i = 0; i < 10; i++) r.run();
        long[] t = new long[5];
        for (int round = 0; round < 5; round++) { long t0 = System.nanoTime(); for (int i = 0; i < reps; i++) r.run(); t[round] = System.nanoTime() - t0; }
        Arrays.sort(t);
        System.out.printf("%-28s best %.3f ms  median %.3f ms%n", name, t[0] / 1e6 / reps, t[2] / 1e6 / reps);
    }
    public static void main(String[] a) {
        NativeRuntime.configure();
        Seq2SeqModel model = DecodeBenchmark.randomModel(BenchSetting.A, 1);
        int n = Integer.parseInt(a[0]);
        var g = model.graph();
        INDArray emb = g.getLayer(Seq2SeqGraph.TARGET_EMBEDDING).getParam(DefaultParamInitializer.WEIGHT_KEY);
        var dl = g.getLayer(Seq2SeqGraph.decoderLayer(0));
        GruDecoderStep step = GruDecoderStep.of((GruDecoderLayer) dl.conf().getLayer(), dl.paramTable());
        INDArray w = g.getLayer(Seq2SeqGraph.OUTPUT).getParam(DefaultParamInitializer.WEIGHT_KEY);
        int[] prev = new int[n]; Random r = new Random(1); for (int i = 0; i < n; i++) prev[i] = 4 + r.nextInt(7000);
        INDArray h = Nd4j.rand(DataType.FLOAT, n, 512);
        INDArray x = Nd4j.pullRows(emb, 1, prev);
        time("pullRows emb", 200, () -> Nd4j.pullRows(emb, 1, prev));
        time("GRU step", 100, () -> step.next(x, h, null));
        time("output gemm", 50, () -> Gemm.product(h, w));
        INDArray logits = Gemm.product(h, w);
        float[][] rows = new float[n][8000];
        time("copy rows", 100, () -> { FloatPointer p = new FloatPointer(logits.data().addressPointer()); for (int i = 0; i < n; i++) p.position((long) i * 8000).get(rows[i]); return p; });
        RowSoftmax sm = new RowSoftmax();
        time("RowSoftmax", 100, () -> { for (float[] row : rows) sm.logSoftmaxInPlace(row, null); return sm; });
        System.out.println("blas threads " + Nd4j.factory().blas().getMaxThreads());
    }
}
