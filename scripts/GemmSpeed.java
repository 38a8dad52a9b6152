import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's matrix-product op against OpenBLAS's cblas_sgemm called directly on the same arrays, one
 * thread, for the shapes of a recurrent step of bench setting (b) and of a decoding step's output
 * projection (docs/performance.md). Run from the project root after building the jar:
 *
 *     java -cp seq2seq-app/target/seq2seq.jar scripts/GemmSpeed.java
 */
public class GemmSpeed {
    public static void main(String[] args) {
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        for (int[] s : new int[][] {{32, 128, 512}, {50, 512, 8000}}) {
            int m = s[0], k = s[1], n = s[2];
            INDArray a = Nd4j.rand(DataType.FLOAT, m, k), b = Nd4j.rand(DataType.FLOAT, k, n);
            INDArray c1 = Nd4j.create(DataType.FLOAT, m, n), c2 = Nd4j.create(DataType.FLOAT, m, n);
            FloatPointer pa = new FloatPointer(a.data().addressPointer());
            FloatPointer pb = new FloatPointer(b.data().addressPointer());
            FloatPointer pc = new FloatPointer(c2.data().addressPointer());
            int reps = (int) Math.max(5, 2e9 / (2.0 * m * k * n));
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    Nd4j.gemm(a, b, c1, false, false, 1.0, 0.0);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1f, pa, k, pb, n, 0f, pc, n);
                }
                long t2 = System.nanoTime();
                System.out.printf("[%d, %d]·[%d, %d]: Nd4j.gemm %.3f ms, cblas_sgemm %.3f ms, same result: %s%n",
                        m, k, k, n, (t1 - t0) / 1e6 / reps, (t2 - t1) / 1e6 / reps, c1.equalsWithEps(c2, 1e-3));
            }
        }
    }
}
