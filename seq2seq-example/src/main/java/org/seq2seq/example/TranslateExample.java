package org.seq2seq.example;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.seq2seq.core.translate.Translation;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;

/**
 * The README's example: a program that translates with a saved model through the library alone.
 *
 * <pre>
 * java -cp CLASSPATH org.seq2seq.example.TranslateExample MODEL_DIR
 * </pre>
 */
public final class TranslateExample {
    private TranslateExample() {
    }

    public static void main(String[] args) throws IOException {
        Path modelDirectory = Path.of(args.length > 0 ? args[0] : "seq2seq-demo/model");
        // README:begin
        TranslatorOptions options = TranslatorOptions.defaults().withThreads(2);   // default: every processor
        try (Translator translator = Translator.load(modelDirectory, options)) {   // a saved model, or a run's best
            String english = translator.translate("Ein Hund läuft im Park.");
            List<String> more = translator.translate(List.of("Eine Katze schläft.", "Ein Mann wartet am Strand."));
            List<Translation> nBest = translator.translateNBest("Ein Kind spielt im Schnee.", 3);   // best first

            System.out.println(english);
            more.forEach(System.out::println);
            nBest.forEach(t -> System.out.printf("%.4f %s%n", t.score(), t.text()));
        }
        // README:end
    }
}
