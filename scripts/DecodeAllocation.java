import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seq2seq.bench.BenchSetting;
import org.seq2seq.bench.DecodeBenchmark;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.runtime.NativeRuntime;
import org.seq2seq.core.translate.Translation;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.nn.runtime.Compute;

/**
 * Java heap bytes allocated per output token (one row of one decoding step) while translating, on
 * one thread, after a warm-up pass: what decoding leaves to the garbage collector.
 *
 * <pre>
 * java -cp seq2seq-app/target/seq2seq.jar scripts/DecodeAllocation.java MODEL|random [CORPUS] [SENTENCES]
 * </pre>
 *
 * MODEL {@code random} is the random model of bench-decode's setting (a) on 200 random sentences
 * of 15 words; otherwise the first SENTENCES (200) sources of CORPUS (CSV). Greedy and beam 5, in
 * batches of 50. Uses only API that older versions have, to compare versions.
 */
public final class DecodeAllocation {
    public static void main(String[] args) throws Exception {
        NativeRuntime.configure();
        Seq2SeqModel model;
        List<String> sentences = new ArrayList<>();
        if (args[0].equals("random")) {
            model = DecodeBenchmark.randomModel(BenchSetting.A, 1);
            sentences = DecodeBenchmark.randomSentences(model.sourceVocabulary(), 200, 15, 1);
        } else {
            model = ModelDirectory.load(Translator.resolve(Path.of(args[0])), false).model();
            int n = args.length > 2 ? Integer.parseInt(args[2]) : 200;
            try (CorpusReader reader = CorpusReader.open(Path.of(args[1]), CorpusFormat.csv())) {
                for (SentencePair pair : reader) {
                    if (sentences.size() == n) {
                        break;
                    }
                    sentences.add(pair.source());
                }
            }
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int beam : new int[] {1, 5}) {
            TranslatorOptions options = TranslatorOptions.defaults().withBeamSize(beam).withBatchSize(50)
                    .withCompute(Compute.ofThreads(1));
            try (Translator translator = new Translator(model, options)) {
                translator.translate(sentences);                                  // warm-up
                long before = allocated(threads);
                List<Translation> out = translator.translateWithScores(sentences);
                long bytes = allocated(threads) - before;
                long tokens = out.stream().mapToLong(t -> t.tokens().size() + 1).sum();   // END included
                System.out.printf("beam %d: %,d bytes allocated for %,d output tokens: %,.0f bytes per output token, "
                        + "%,.0f per sentence%n", beam, bytes, tokens, (double) bytes / tokens,
                        (double) bytes / sentences.size());
            }
        }
    }

    private static long allocated(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }
}
