import java.nio.file.Path;
import org.seq2seq.corpora.batch.BucketBatchIterator;
import org.seq2seq.corpora.shards.PreparedCorpus;

/**
 * Padding of one epoch of batches of 64 cut from pools of several sizes, over a run's prepared
 * corpus (docs/performance.md, large corpora). The vocabulary sizes are in the corpus's manifest.
 *
 * <pre>
 * java -cp seq2seq-app/target/seq2seq.jar scripts/PoolPadding.java runs/big/corpus SOURCE_VOCAB TARGET_VOCAB 64000 1000000
 * </pre>
 */
public class PoolPadding {
    public static void main(String[] args) {
        PreparedCorpus corpus = PreparedCorpus.open(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        for (int i = 3; i < args.length; i++) {
            int pool = Integer.parseInt(args[i]);
            long start = System.nanoTime();
            try (BucketBatchIterator batches = BucketBatchIterator.builder(corpus).batchSize(64).poolSize(pool)
                    .seed(1).build()) {
                while (batches.hasNext()) {
                    batches.nextBatch();
                }
                System.out.printf("pool %,d: %,d batches, padding %.2f%%, %.1f s%n", pool, batches.stats().batches(),
                        100 * batches.stats().paddingFraction(), (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
