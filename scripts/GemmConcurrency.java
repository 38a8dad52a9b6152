import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.core.runtime.NativeRuntime;
import org.seq2seq.core.runtime.SystemOpenBlas;
import org.seq2seq.nn.Gemm;

/**
 * Products of decoding size from several Java threads at once (Spark's local[N], several served
 * models, a program translating on a thread pool), each checked against the same product made
 * alone first, on whichever OpenBLAS SEQ2SEQ_OPENBLAS chooses (docs/performance.md). Run from the
 * project root after building the jar, with OpenBLAS threads and Java threads:
 *
 *     SEQ2SEQ_OPENBLAS=system java -cp seq2seq-app/target/seq2seq.jar scripts/GemmConcurrency.java 1 4
 */
public class GemmConcurrency {
    public static void main(String[] args) throws Exception {
        NativeRuntime.configure();
        Nd4j.factory().blas().setMaxThreads(Integer.parseInt(args[0]));
        int threads = Integer.parseInt(args[1]);
        INDArray[] as = new INDArray[threads];
        INDArray[] bs = new INDArray[threads];
        INDArray[] expected = new INDArray[threads];
        for (int t = 0; t < threads; t++) {
            as[t] = Nd4j.rand(DataType.FLOAT, 50 + 10 * t, 512);
            bs[t] = Nd4j.rand(DataType.FLOAT, 512, 1536 + 512 * t);
            expected[t] = Gemm.product(as[t], bs[t]).detach();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int which = t;
            results.add(pool.submit(() -> {
                int wrong = 0;
                for (int i = 0; i < 200; i++) {
                    wrong += Gemm.product(as[which], bs[which]).equals(expected[which]) ? 0 : 1;
                }
                return wrong;
            }));
        }
        int wrong = 0;
        for (Future<Integer> f : results) {
            wrong += f.get();
        }
        pool.shutdown();
        System.out.printf("OpenBLAS %s, %s BLAS threads, %d Java threads: %d of %d products wrong, %.1f s%n",
                SystemOpenBlas.chosen().map(Object::toString).orElse("bundled"), args[0], threads, wrong, threads * 200,
                (System.nanoTime() - start) / 1e9);
    }
}
