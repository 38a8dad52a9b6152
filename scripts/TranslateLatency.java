import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;

/**
 * Single-sentence latency through the library: loads MODEL with the default options (beam 5, as
 * many threads as the JVM sees processors), translates the first N (200) sources of CORPUS one
 * at a time for at least 3 s untimed, then times each once and prints p50, p90, p99 and the mean.
 * Uses only API that older versions have, to compare versions.
 *
 * <pre>
 * java -cp seq2seq-app/target/seq2seq.jar scripts/TranslateLatency.java MODEL CORPUS [N]
 * </pre>
 */
public final class TranslateLatency {
    public static void main(String[] args) throws Exception {
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        List<String> sentences = new ArrayList<>();
        try (CorpusReader reader = CorpusReader.open(Path.of(args[1]), CorpusFormat.csv())) {
            for (SentencePair pair : reader) {
                if (sentences.size() == n) {
                    break;
                }
                sentences.add(pair.source());
            }
        }
        try (Translator translator = Translator.load(Path.of(args[0]), TranslatorOptions.defaults())) {
            long start = System.nanoTime();
            do {
                for (String s : sentences) {
                    translator.translate(s);
                }
            } while (System.nanoTime() - start < 3_000_000_000L);
            double[] ms = new double[sentences.size()];
            for (int i = 0; i < ms.length; i++) {
                long t = System.nanoTime();
                translator.translate(sentences.get(i));
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%s: %d sentences one at a time, beam %d: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                    + "mean %.1f ms%n", args[0], ms.length, translator.options().search().beamSize(), at(sorted, 0.5),
                    at(sorted, 0.9), at(sorted, 0.99), Arrays.stream(ms).average().orElse(0));
        }
    }

    private static double at(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
