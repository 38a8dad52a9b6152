import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.core.runtime.NativeRuntime;

/**
 * The decoding products (greedy: 50 rows; beam 5: 250) on OpenBLAS directly, the second matrix
 * as it is ({@code NN}) and transposed ({@code NT}, nn.Linear's layout), with N threads, on
 * whichever OpenBLAS the runtime loads ({@code SEQ2SEQ_OPENBLAS}; docs/performance.md). Run from
 * the project root after building the jar:
 *
 *     java -cp seq2seq-app/target/seq2seq.jar scripts/GemmThreads.java 2
 */
public class GemmThreads {
    public static void main(String[] args) {
        NativeRuntime.configure();
        int threads = Integer.parseInt(args[0]);
        Nd4j.factory().blas().setMaxThreads(threads);
        for (int[] s : new int[][] {{50, 512, 1536}, {50, 512, 8000}, {250, 512, 1536}, {250, 512, 8000}}) {
            int m = s[0], k = s[1], n = s[2];
            INDArray a = Nd4j.rand(DataType.FLOAT, m, k), b = Nd4j.rand(DataType.FLOAT, k, n);
            INDArray bt = Nd4j.rand(DataType.FLOAT, n, k), c = Nd4j.create(DataType.FLOAT, m, n);
            FloatPointer pa = new FloatPointer(a.data().addressPointer());
            FloatPointer pb = new FloatPointer(b.data().addressPointer());
            FloatPointer pbt = new FloatPointer(bt.data().addressPointer());
            FloatPointer pc = new FloatPointer(c.data().addressPointer());
            int reps = (int) Math.max(5, 1e9 / (2.0 * m * k * n));
            double[] nn = new double[5], nt = new double[5];
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1f, pa, k, pb, n, 0f, pc, n);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1f, pa, k, pbt, k, 0f, pc, n);
                }
                long t2 = System.nanoTime();
                nn[round] = (t1 - t0) / 1e6 / reps;
                nt[round] = (t2 - t1) / 1e6 / reps;
            }
            Arrays.sort(nn);
            Arrays.sort(nt);
            System.out.printf("%d threads [%d, %d]·[%d, %d]: NN best %.3f median %.3f ms; NT best %.3f median %.3f ms%n",
                    threads, m, k, k, n, nn[0], nn[2], nt[0], nt[2]);
        }
    }
}
