package org.seq2seq.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seq2seq.app.chart.ChartWriter;
import org.seq2seq.app.progress.Bars;
import org.seq2seq.app.progress.TrainingBar;
import org.seq2seq.core.io.AtomicFiles;
import org.seq2seq.core.model.ModelShape;
import org.seq2seq.core.train.TrainingConfig;
import org.seq2seq.core.train.TrainingRun;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.evaluation.metrics.Bleu;
import org.seq2seq.evaluation.metrics.PythonFloat;
import org.seq2seq.evaluation.run.EvaluationReport;
import org.seq2seq.evaluation.run.EvaluationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code seq2seq demo}: trains a small German→English model on the bundled Multi30k sample within
 * a time budget, shows example translations with beam search and the BLEU on the held-out part,
 * and leaves the model for {@code translate} and {@code evaluate}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Train a small German->English model on the bundled Multi30k sample, show translations "
                + "and its test BLEU; the model is left in OUTPUT_DIR/model.")
final class DemoCommand implements Callable<Integer> {
    /** The bundled corpus: short pairs (at most 10 words a side) of Multi30k, see demo/SOURCE.md. */
    static final List<String> DATA = List.of("train.de-en.csv.gz", "valid.de-en.csv.gz", "test.de-en.csv.gz",
            "SOURCE.md");
    private static final String MARKER = "demo.json";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--output", paramLabel = "DIR", description = "Where the data, the model and the evaluation go. "
            + "A previous demo run there is replaced; any other non-empty directory is refused.")
    Path output = Path.of("seq2seq-demo");

    @Option(names = "--minutes", description = "Training time budget (the whole demo takes about a minute more).")
    double minutes = 7;

    @Option(names = "--epochs", description = "Epochs to train at most (the time budget usually ends it first).")
    int epochs = 50;

    @Option(names = "--examples", description = "Example translations to show.")
    int examples = 8;

    @Option(names = "--seed", description = "Seed of the initialisation and the batch order.")
    long seed = 1;

    @Override
    public Integer call() throws IOException {
        if (minutes <= 0 || examples < 0 || epochs < 1) {
            throw new IllegalArgumentException("--minutes must be above 0, --epochs at least 1 and --examples 0 or "
                    + "more");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path data = prepare();
        Path model = output.resolve("model");
        out.printf(Locale.ROOT, "demo: training on %s for at most %.1f minutes (%d cores)%n",
                data.resolve(DATA.get(0)), minutes, Runtime.getRuntime().availableProcessors());
        out.flush();
        train(data, model);

        Path test = data.resolve(DATA.get(2));
        CorpusFormat format = CorpusFormat.csv();
        List<SentencePair> testPairs = CorpusReader.readAll(test, format);
        try (Translator translator = Translator.load(model, TranslatorOptions.defaults())) {
            out.println();
            out.println("Example translations (beam " + translator.options().search().beamSize()
                    + ") of held-out sentences:");
            List<SentencePair> shown = testPairs.subList(0, Math.min(examples, testPairs.size()));
            List<String> sources = new ArrayList<>();
            shown.forEach(p -> sources.add(p.source()));
            List<String> hypotheses = translator.translate(sources);
            for (int i = 0; i < shown.size(); i++) {
                out.println("  German:      " + shown.get(i).source());
                out.println("  reference:   " + shown.get(i).target());
                out.println("  translation: " + hypotheses.get(i));
                out.println();
            }
            out.flush();
            EvaluationReport report = new EvaluationRun(translator::translate, Bleu.corpusDefaults(),
                    SearchCliOptions.poolSize(TranslatorOptions.defaults().batchSize()))
                    .progress(() -> Bars.translation("test BLEU"))
                    .run(test, format, List.of(), output.resolve("evaluation"));
            out.printf(Locale.ROOT, "BLEU on the %d held-out test sentences: %s%n", report.sentences(),
                    report.bleu().format());
            out.printf(Locale.ROOT, "chrF2 = %s; translated at %.1f sentences/s%n", PythonFloat.fixed(report.chrf().score(), 2),
                    report.sentencesPerSecond());
        }
        out.println();
        out.println("The model is in " + model + " (per-epoch figures: training.csv, training.png). Try:");
        out.println("  java -jar seq2seq-app/target/seq2seq.jar translate " + model + " \"Ein Hund rennt im Park.\"");
        out.println("  java -jar seq2seq-app/target/seq2seq.jar evaluate " + model + " " + test + " "
                + output.resolve("evaluation"));
        out.flush();
        return 0;
    }

    /** Makes the output directory and copies the bundled corpus into it; returns the data directory. */
    private Path prepare() throws IOException {
        if (Files.isDirectory(output) && Files.isRegularFile(output.resolve(MARKER))) {
            AtomicFiles.deleteRecursively(output);
        } else if (Files.exists(output) && (!Files.isDirectory(output) || isNotEmpty(output))) {
            throw new IllegalArgumentException(output + " exists and is not a demo run; choose another --output");
        }
        Path data = Files.createDirectories(output.resolve("data"));
        AtomicFiles.writeString(output.resolve(MARKER), new ObjectMapper().writeValueAsString(
                Map.of("demo", "seq2seq", "minutes", minutes, "seed", seed)) + "\n");
        for (String name : DATA) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled corpus is missing from the build: demo/" + name);
                }
                Files.copy(in, data.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return data;
    }

    /** The demo's training run: a small model, BLEU-selected, time-boxed. */
    private void train(Path data, Path model) throws IOException {
        boolean bars = Bars.enabled();
        TrainingBar bar = bars ? new TrainingBar() : null;
        TrainingRun.Builder run = TrainingRun.builder(data.resolve(DATA.get(0)), model)
                .validation(data.resolve(DATA.get(1))).validationBleu(1000)
                .shape(ModelShape.builder().embeddingSize(128).hiddenSize(256).feedContext(true).build())
                .training(TrainingConfig.builder().learningRate(0.002).maxEpochs(epochs).maxMinutes(minutes)
                        .patience(4).selectBy(TrainingConfig.Selection.BLEU).seed(seed).build())
                .logSteps(!bars).listener(new ChartWriter(model));
        if (bar != null) {
            run.listener(bar);
        }
        try (bar) {
            run.build().run();
        }
    }

    private static boolean isNotEmpty(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.findAny().isPresent();
        }
    }
}
