import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.core.runtime.NativeRuntime;
import org.seq2seq.nn.Gemm;

/**
 * How the time of a product {@code [m, K]·[K, N]} on one thread grows with its rows m, for the
 * shapes of decoding (K 512; N 2048 for the encoder's LSTM step, 1536 for the GRU step, 8000 for
 * the output projection): the part that does not shrink with m is OpenBLAS copying ("packing")
 * the whole {@code [K, N]} matrix at every call (docs/performance.md). Best of five timings. Run
 * from the project root after building the jar:
 *
 *     java -cp seq2seq-app/target/seq2seq.jar scripts/GemmRows.java K N [t]
 *
 * With a third argument the matrix is kept as {@code [N, K]} and multiplied transposed.
 */
public class GemmRows {
    public static void main(String[] args) {
        NativeRuntime.configure();
        int k = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        boolean transposed = args.length > 2;
        for (int m : new int[] {10, 25, 50, 100, 250, 750}) {
            INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
            INDArray b = transposed ? Nd4j.rand(DataType.FLOAT, n, k) : Nd4j.rand(DataType.FLOAT, k, n);
            INDArray c = Nd4j.create(DataType.FLOAT, m, n);
            int reps = Math.max(20, 20000 / m);
            for (int i = 0; i < reps; i++) {
                Gemm.into(a, b, c, false, transposed, 1, 0);
            }
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    Gemm.into(a, b, c, false, transposed, 1, 0);
                }
                best = Math.min(best, System.nanoTime() - start);
            }
            double ms = best / 1e6 / reps;
            System.out.printf("m=%d k=%d n=%d: %.3f ms, %.1f GFLOP/s%n", m, k, n, ms, 2.0 * m * k * n / ms / 1e6);
        }
    }
}
