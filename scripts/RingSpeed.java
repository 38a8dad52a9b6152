/*
 * How long RingAllReduce takes to sum an array among N ranks on this machine (threads of one JVM,
 * over loopback TCP): 3 untimed sums, then the median, min and max of 10. From the project root,
 * after mvn install:
 *
 *   java -cp seq2seq-spark/target/classes scripts/RingSpeed.java 2 8600000
 */
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.*;
import org.seq2seq.spark.allreduce.RingAllReduce;

public class RingSpeed {
    public static void main(String[] args) throws Exception {
        int ranks = Integer.parseInt(args[0]);
        int length = Integer.parseInt(args[1]);
        List<RingAllReduce.Endpoint> eps = new ArrayList<>();
        List<String> addrs = new ArrayList<>();
        for (int r = 0; r < ranks; r++) { eps.add(RingAllReduce.listen("127.0.0.1")); addrs.add(eps.get(r).address()); }
        ExecutorService pool = Executors.newFixedThreadPool(ranks);
        List<Future<double[]>> fs = new ArrayList<>();
        for (int r = 0; r < ranks; r++) {
            int rank = r;
            fs.add(pool.submit(() -> {
                float[] v = new float[length];
                double[] times = new double[10];
                try (RingAllReduce ring = RingAllReduce.join(eps.get(rank), rank, addrs, Duration.ofSeconds(20))) {
                    for (int i = 0; i < 3; i++) ring.sum(v);
                    for (int i = 0; i < times.length; i++) { long t = System.nanoTime(); ring.sum(v); times[i] = (System.nanoTime() - t) / 1e6; }
                }
                return times;
            }));
        }
        double[] t = fs.get(0).get();
        java.util.Arrays.sort(t);
        System.out.printf("%d ranks, %d floats (%.1f MB): median %.1f ms, min %.1f, max %.1f%n", ranks, length, length * 4 / 1e6, t[t.length / 2], t[0], t[t.length - 1]);
        pool.shutdownNow();
    }
}
