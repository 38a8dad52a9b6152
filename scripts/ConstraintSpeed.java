import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.seq2seq.core.translate.Terminology;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;

/**
 * Speed of constrained decoding against plain decoding, side by side in one JVM: loads MODEL
 * (beam 5, batches of 50, as many threads as the JVM sees processors), warms up for 3 s, then
 * translates the SOURCES (one per line) ROUNDS times each way, alternating, and prints each
 * round's sentences per second and the medians. The constraints come from CONSTRAINTS (a line
 * per source, tab-separated phrases), or with {@code --terms FILE} from a term list instead.
 *
 * <pre>
 * java -cp seq2seq-app/target/seq2seq.jar scripts/ConstraintSpeed.java MODEL SOURCES CONSTRAINTS [ROUNDS]
 * java -cp seq2seq-app/target/seq2seq.jar scripts/ConstraintSpeed.java MODEL SOURCES --terms FILE [ROUNDS]
 * </pre>
 */
public final class ConstraintSpeed {
    public static void main(String[] args) throws Exception {
        List<String> sources = Files.readAllLines(Path.of(args[1]));
        boolean terms = args[2].equals("--terms");
        int rounds = args.length > (terms ? 4 : 3) ? Integer.parseInt(args[terms ? 4 : 3]) : 5;
        List<List<String>> constraints = new ArrayList<>();
        if (!terms) {
            for (String line : Files.readAllLines(Path.of(args[2]))) {
                constraints.add(Arrays.stream(line.split("\t")).filter(p -> !p.isBlank()).toList());
            }
        }
        TranslatorOptions options = TranslatorOptions.defaults().withBatchSize(50);
        try (Translator plain = Translator.load(Path.of(args[0]), options);
             Translator constrained = Translator.load(Path.of(args[0]), terms
                     ? options.withTerminology(Terminology.read(Path.of(args[3]))) : options)) {
            long start = System.nanoTime();
            do {
                plain.translate(sources);
                run(constrained, sources, constraints, terms);
            } while (System.nanoTime() - start < 3_000_000_000L);
            double[] a = new double[rounds];
            double[] b = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                plain.translate(sources);
                long t1 = System.nanoTime();
                run(constrained, sources, constraints, terms);
                long t2 = System.nanoTime();
                a[r] = sources.size() / ((t1 - t0) / 1e9);
                b[r] = sources.size() / ((t2 - t1) / 1e9);
                System.out.printf(Locale.ROOT, "round %d: plain %.1f sentences/s, constrained %.1f sentences/s%n",
                        r + 1, a[r], b[r]);
            }
            System.out.printf(Locale.ROOT, "median: plain %.1f, constrained %.1f sentences/s (%.2f of plain)%n",
                    median(a), median(b), median(b) / median(a));
        }
    }

    private static void run(Translator t, List<String> sources, List<List<String>> constraints, boolean terms) {
        if (terms) {
            t.translate(sources);
        } else {
            t.translate(sources, constraints);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
