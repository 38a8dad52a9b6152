package org.seq2seq.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.seq2seq.core.translate.Translator;

/**
 * How fast a plain Java program translates one sentence at a time: loads a model, makes
 * {@code CALLS} single-sentence {@code translate} calls over the lines of a file (in turn), and
 * prints calls per second. No environment variable or set-up of its own: what a program that
 * embeds the library gets.
 *
 * <pre>
 * java -cp CLASSPATH org.seq2seq.example.TranslateSpeed MODEL_DIR SENTENCES_FILE [CALLS]
 * </pre>
 */
public final class TranslateSpeed {
    private TranslateSpeed() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TranslateSpeed MODEL_DIR SENTENCES_FILE [CALLS]");
            System.exit(2);
        }
        List<String> sentences = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8).stream()
                .filter(s -> !s.isBlank()).toList();
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        long loadStart = System.nanoTime();
        try (Translator translator = Translator.load(Path.of(args[0]))) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            translator.translate(sentences.get(0));                 // warm-up
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                translator.translate(sentences.get(i % sentences.size()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "load %.2f s; %d single-sentence translate calls in %.2f s: %.1f calls/s "
                    + "(beam %d, OMP_NUM_THREADS %s)%n", loadSeconds, calls, seconds, calls / seconds,
                    translator.options().search().beamSize(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        }
    }
}
