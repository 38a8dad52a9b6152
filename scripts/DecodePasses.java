import java.util.List;
import org.seq2seq.bench.BenchSetting;
import org.seq2seq.bench.DecodeBenchmark;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.runtime.NativeRuntime;
import org.seq2seq.nn.runtime.Compute;

/**
 * Decoding throughput pass after pass in one JVM: how fast greedy and beam search get once the
 * JIT compiler is done with them, and a long steady run to profile (docs/performance.md). Each
 * pass is {@code bench}'s decoding measurement (an untimed pass over the sentences, then a timed
 * one) with a random setting-(a) model. Run from the project root after building the jar:
 *
 *     java -cp seq2seq-app/target/seq2seq.jar scripts/DecodePasses.java SENTENCES PASSES [BEAM]
 *
 * A beam of 1 measures greedy search twice per pass instead of greedy and beam search.
 */
public class DecodePasses {
    public static void main(String[] args) {
        NativeRuntime.configure();
        Seq2SeqModel model = DecodeBenchmark.randomModel(BenchSetting.A, 1);
        int sentences = Integer.parseInt(args[0]);
        int passes = Integer.parseInt(args[1]);
        int beam = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<String> input = DecodeBenchmark.randomSentences(model.sourceVocabulary(), sentences, 15, 1);
        for (int p = 0; p < passes; p++) {
            for (DecodeBenchmark.Result r : DecodeBenchmark.run(model, input, 50, beam, Compute.defaults())) {
                System.out.printf("pass %d %s %.1f sentences/s%n", p + 1, r.search(), r.sentencesPerSecond());
            }
        }
    }
}
