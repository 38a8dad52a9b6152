package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seq2seq.app.progress.Bars;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.corpora.Column;
import org.seq2seq.evaluation.metrics.Bleu;
import org.seq2seq.evaluation.metrics.BleuTokenizer;
import org.seq2seq.evaluation.metrics.PythonFloat;
import org.seq2seq.evaluation.metrics.Smoothing;
import org.seq2seq.evaluation.run.EvaluationReport;
import org.seq2seq.evaluation.run.EvaluationRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seq2seq evaluate}: translate a test corpus with a saved model and score it. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Translate a test corpus with a model; write hypotheses, a JSON report and per-sentence scores.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A saved model, or a training run (its best "
            + "checkpoint).")
    Path model;

    @Parameters(index = "1", paramLabel = "CORPUS", description = "The test corpus: CSV or TSV, optionally .gz.")
    Path corpus;

    @Parameters(index = "2", paramLabel = "OUTPUT_DIR", description = "Where hypotheses.txt, report.json and "
            + "sentences.tsv go.")
    Path output;

    @Mixin
    CorpusOptions corpusOptions = new CorpusOptions();

    @Option(names = "--reference-column", paramLabel = "NAME|INDEX", description = "A reference column; repeat "
            + "for several references. Default: the target column.", showDefaultValue = CommandLine.Help.Visibility.NEVER)
    List<String> referenceColumns = new ArrayList<>();

    @Option(names = "--group-by-source", description = "Pairs that share a source are one test sentence with all "
            + "their targets as references (a multi-reference test set stored a pair per row).")
    boolean groupBySource;

    @Mixin
    SearchCliOptions search = new SearchCliOptions();

    @Mixin
    ComputeOptions computeOptions = new ComputeOptions();

    @Option(names = "--batch-size", description = "Sentences translated together.")
    int batchSize = 50;

    @Option(names = {"-tok", "--tokenize"}, description = "BLEU tokenizer: 13a, intl, zh or none.")
    String tokenize = "13a";

    @Option(names = {"-lc", "--lowercase"}, description = "Lowercase before BLEU.")
    boolean lowercase;

    @Override
    public Integer call() throws IOException {
        TranslatorOptions options = search.translatorOptions(batchSize).withCompute(computeOptions.compute());
        if (groupBySource && !referenceColumns.isEmpty()) {
            throw new IllegalArgumentException("--group-by-source takes the references from the target column: leave "
                    + "out --reference-column");
        }
        List<Column> columns = new ArrayList<>();
        for (String c : referenceColumns) {
            columns.add(c.chars().allMatch(Character::isDigit) ? Column.at(Integer.parseInt(c)) : Column.named(c));
        }
        Bleu bleu = new Bleu(BleuTokenizer.of(tokenize), lowercase, Smoothing.exp(), false);
        try (Translator translator = search.load(model, options)) {
            EvaluationReport report = new EvaluationRun(translator::translate, bleu,
                    SearchCliOptions.poolSize(batchSize))
                    .progress(() -> Bars.translation("translate")).groupBySource(groupBySource)
                    .run(corpus, corpusOptions.format(corpus), columns, output);
            PrintWriter out = spec.commandLine().getOut();
            out.println(report.bleu().format() + "  " + report.bleu().signature());
            out.println(String.format(Locale.ROOT, "chrF2 = %s  %s", PythonFloat.fixed(report.chrf().score(), 2),
                    report.chrf().signature()));
            out.println(String.format(Locale.ROOT, "%d sentences in %.1f s (%.2f sentences/s, beam %d); wrote %s",
                    report.sentences(), report.seconds(), report.sentencesPerSecond(), search.beam, output));
        }
        return 0;
    }
}
